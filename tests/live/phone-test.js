// phone-test.js: two phones (Debian's chromium, 360×640, driven by playwright-core) join a
// group session of Bekal's live server over loopback, answer a question of every kind, lose
// the network and come back, and reload the page; screenshots of each step.
//
//   node phone-test.js DRIVER SCREENSHOT_DIR
// BEKAL_NPM_DIR names the folder tests/npm/install.sh filled. Exit 77 (skip) when node's
// packages or chromium are missing, unless CI=true, where that is a failure.
'use strict';

const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const readline = require('readline');

const [driverPath, shots] = process.argv.slice(2);
const CHROMIUM = '/usr/bin/chromium';
const SKIP = process.env.CI === 'true' ? 1 : 77;

function missing(why) {
  console.log((SKIP === 77 ? 'SKIP: ' : 'FAIL (CI=true): ') + why);
  process.exit(SKIP);
}

let chromium;
try {
  chromium = require(path.join(process.env.BEKAL_NPM_DIR || '', 'node_modules', 'playwright-core')).chromium;
} catch (e) {
  missing('playwright-core is not installed: run build-aux/setup.sh --with-tests or tests/npm/install.sh BUILD_DIR');
}
if (!fs.existsSync(CHROMIUM)) missing('chromium is not installed: apt-get install chromium');

function check(condition, what) {
  if (!condition) throw new Error('check failed: ' + what);
  console.log('ok - ' + what);
}

// The driver's lines, waited for by a test on each
const lines = [];
let waiters = [];
const driver = spawn(driverPath, [], { stdio: ['pipe', 'pipe', 'inherit'] });
readline.createInterface({ input: driver.stdout }).on('line', (line) => {
  lines.push(line);
  waiters = waiters.filter((w) => !w());
});
function waitLine(test, what) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out waiting for ' + what)), 15000);
    const done = () => {
      const found = lines.find(test);
      if (found) { clearTimeout(timer); resolve(found); return true; }
      return false;
    };
    if (!done()) waiters.push(done);
  });
}
function command(text) { driver.stdin.write(text + '\n'); }

async function phone(browser, locale) {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 },
                                             deviceScaleFactor: 2, locale, isMobile: true,
                                             hasTouch: true });
  const page = await context.newPage();
  page.on('pageerror', (error) => { throw error; });
  return { context, page };
}

async function answer(page, kind) {
  if (kind === 'single' || kind === 'truefalse' || kind === 'scale') {
    await page.locator('#answers .choice').first().click();
  } else if (kind === 'multiple') {
    await page.locator('#answers .choice').nth(0).click();
    await page.locator('#answers .choice').nth(1).click();
    await page.click('#send');
  } else if (kind === 'order') {
    await page.locator('#answers .row button').nth(1).click();  // the first item down
    await page.click('#send');
  } else if (kind === 'match') {
    const selects = page.locator('#answers select');
    const n = await selects.count();
    for (let i = 0; i < n; i++) await selects.nth(i).selectOption({ index: 1 + ((i + 1) % n) });
    await page.click('#send');
  }
}

(async () => {
  const url = (await waitLine((l) => l.startsWith('url '), 'the url')).slice(4);
  const code = (await waitLine((l) => l.startsWith('code '), 'the code')).slice(5);
  check(url.startsWith('http://127.0.0.1:'), 'the server listens on loopback only');

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const a = await phone(browser, 'id-ID');
  const b = await phone(browser, 'en-US');

  // Join: phone A picks its name from the roster, phone B types one with markup in it
  await a.page.goto(url);
  await a.page.screenshot({ path: path.join(shots, 'phone-01-code-id.png') });
  await a.page.fill('#code-input', code);
  await a.page.click('#code-form button');
  await a.page.waitForSelector('#screen-name:not([hidden])');
  await a.page.screenshot({ path: path.join(shots, 'phone-02-name-id.png') });
  await a.page.getByRole('button', { name: 'Sari Wulandari' }).click();
  await a.page.waitForSelector('#screen-wait:not([hidden])');
  await a.page.screenshot({ path: path.join(shots, 'phone-03-wait-id.png') });

  await b.page.goto(url);
  await b.page.fill('#code-input', '000000' === code ? '111111' : '000000');
  await b.page.click('#code-form button');
  await b.page.waitForSelector('#problem:not([hidden])');
  check((await b.page.textContent('#problem')).includes('Wrong room code'), 'a wrong code is refused, in English');
  await b.page.fill('#code-input', code);
  await b.page.click('#code-form button');
  await b.page.waitForSelector('#screen-name:not([hidden])');
  await b.page.fill('#name-input', 'Rina <img src=x onerror=alert(1)>');
  await b.page.click('#name-form button');
  await b.page.waitForSelector('#screen-wait:not([hidden])');
  check((await b.page.textContent('#welcome')).includes('<img src=x'), 'a typed name is shown as text, not markup');
  check(await b.page.locator('#welcome img').count() === 0, 'no element is made from a name');
  await waitLine((l) => l.startsWith('joined 2 '), 'two participants');

  // Every kind of question, answered on both phones
  const kinds = ['single', 'multiple', 'truefalse', 'order', 'match', 'scale'];
  let answers = 0;
  for (const kind of kinds) {
    command('open ' + kind);
    const opened = (await waitLine((l) => l.startsWith('opened ') && !lines.slice(0, lines.indexOf(l)).includes('kind ' + kind), 'the ' + kind + ' question')).slice(7);
    lines.push('kind ' + kind);
    for (const p of [a.page, b.page]) {
      await p.waitForFunction((id) => document.querySelector('#screen-question') && !document.querySelector('#screen-question').hidden, opened);
      await p.waitForFunction((prompt) => document.querySelector('#prompt').textContent.length > 0, null);
      await answer(p, kind);
      await p.waitForFunction(() => document.querySelector('#status').textContent.length > 0);
    }
    await a.page.screenshot({ path: path.join(shots, 'phone-04-' + kind + '-id.png') });
    if (kind === 'truefalse') {
      check((await a.page.textContent('#answers')).includes('Salah'), 'true/false reads Benar/Salah on an Indonesian phone');
      check((await b.page.textContent('#answers')).includes('False'), 'true/false reads True/False on an English phone');
    }
    await b.page.screenshot({ path: path.join(shots, 'phone-04-' + kind + '-en.png') });
    answers += 2;
    await waitLine((l) => l.startsWith('answer ') && lines.filter((x) => x.startsWith('answer ')).length >= answers, kind + ' answers');
    check(lines.filter((x) => x.startsWith('answer ') && x.includes(' ' + opened + ' ')).length === 2,
          'both phones answered the ' + kind + ' question');
  }

  // The trainer reveals the last answer
  command('reveal');
  await a.page.waitForSelector('#reveal:not([hidden])');
  await a.page.screenshot({ path: path.join(shots, 'phone-05-reveal-id.png') });

  // Phone B loses the network and comes back, then its browser reloads the page: it finds the
  // question it answered, with its answer received, without joining again
  await b.context.setOffline(true);
  await b.page.waitForTimeout(1500);
  await b.context.setOffline(false);
  await b.page.reload();
  await b.page.waitForSelector('#screen-question:not([hidden])');
  check((await b.page.textContent('#status')).includes('received'), 'after a reload the answer is still received');
  await b.page.screenshot({ path: path.join(shots, 'phone-06-rejoined-en.png') });
  check(!lines.some((l) => l.startsWith('joined 3 ')), 'coming back does not make a new participant');

  // A question opened while phone B was away reaches it
  command('open single');
  await b.page.waitForFunction(() => !document.querySelector('#screen-question').hidden);

  command('quit');
  await browser.close();
  console.log('all checks passed');
  process.exit(0);
})().catch((error) => {
  console.error(error);
  try { command('quit'); } catch (e) { /* gone already */ }
  process.exit(1);
});
