// session-e2e.js: a group session from end to end. The real application (session-app-driver,
// under a virtual display) leads the session; two phones (Debian's chromium, 360×640, driven
// by playwright-core) join it by its address and room code, take the room's pre-test in their
// parallel forms, answer the video's checkpoint and take the post-test; the gap report must
// then count both participants before and after. Screenshots of each step.
//
//   node session-e2e.js SCREENSHOT_DIR COMMAND…     (COMMAND starts the driver)
// BEKAL_NPM_DIR names the folder tests/npm/install.sh filled. Exit 77 (skip) when node's
// packages or chromium are missing, unless CI=true, where that is a failure.
'use strict';

const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const readline = require('readline');

const [shots, ...driverCommand] = process.argv.slice(2);
const CHROMIUM = '/usr/bin/chromium';
const SKIP = process.env.CI === 'true' ? 1 : 77;
const NAMES = ['Sari Wulandari', 'Budi Santoso'];

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
fs.mkdirSync(shots, { recursive: true });

function check(condition, what) {
  if (!condition) throw new Error('check failed: ' + what);
  console.log('ok - ' + what);
}

// The driver's lines; each command is answered by its lines and then `ok`
const lines = [];
let waiters = [];
const driver = spawn(driverCommand[0], driverCommand.slice(1), { stdio: ['pipe', 'pipe', 'inherit'] });
driver.on('exit', (code) => { lines.push('exited ' + code); waiters = waiters.filter((w) => !w()); });
readline.createInterface({ input: driver.stdout }).on('line', (line) => {
  lines.push(line);
  waiters = waiters.filter((w) => !w());
});
function waitLine(test, what, from = 0) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out waiting for ' + what)), 120000);
    const done = () => {
      const found = lines.slice(from).find(test);
      if (found) { clearTimeout(timer); resolve(found); return true; }
      if (lines.slice(from).some((l) => l.startsWith('exited '))) { clearTimeout(timer); reject(new Error('the driver exited while waiting for ' + what)); return true; }
      return false;
    };
    if (!done()) waiters.push(done);
  });
}
// Sends a command, returns the lines it printed before its `ok`
async function command(text) {
  const from = lines.length;
  driver.stdin.write(text + '\n');
  await waitLine((l) => l === 'ok', '“' + text + '” to be done', from);
  const end = lines.indexOf('ok', from);
  return lines.slice(from, end);
}

async function phone(browser, locale) {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 },
                                             deviceScaleFactor: 2, locale, isMobile: true,
                                             hasTouch: true });
  const page = await context.newPage();
  page.on('pageerror', (error) => { throw error; });
  return { context, page, lastPrompt: null, answered: 0 };
}

// Waits for a question this phone has not answered yet, open, and answers it as shown
async function answerNext(p, shot) {
  await p.page.waitForFunction((last) => {
    const screen = document.querySelector('#screen-question');
    return screen && !screen.hidden && document.querySelector('#prompt').textContent !== last
           && document.querySelector('#status').textContent === '';
  }, p.lastPrompt, { timeout: 60000 });
  p.lastPrompt = await p.page.textContent('#prompt');
  const answers = p.page.locator('#answers');
  const selects = answers.locator('select');
  if (await selects.count() > 0) {
    const n = await selects.count();
    for (let i = 0; i < n; i++) await selects.nth(i).selectOption({ index: 1 + ((i + 1) % n) });
    await p.page.click('#send');
  } else if (await answers.locator('.row button').count() > 0) {
    await answers.locator('.row button').nth(1).click();
    await p.page.click('#send');
  } else if (await p.page.isVisible('#send')) {
    await answers.locator('.choice').nth(0).click();
    await p.page.click('#send');
  } else {
    await answers.locator('.choice').first().click();
  }
  await p.page.waitForFunction(() => document.querySelector('#status').textContent.length > 0);
  if (shot) await p.page.screenshot({ path: path.join(shots, shot) });
  p.answered++;
  return p.lastPrompt;
}

// Every place of a test: both phones answer, the trainer moves on
async function takeTest(phones, kind, first) {
  let screen = first;
  let places = 0;
  const prompts = [[], []];
  while (screen[0] === 'screen ' + kind + ' ' + (places + 1) + ' ' + screen[0].split(' ')[3]) {
    for (let i = 0; i < phones.length; i++) {
      const shot = places === 0 ? 'e2e-phone-' + kind + '-' + phones[i].locale + '.png' : null;
      prompts[i].push(await answerNext(phones[i], shot));
    }
    places++;
    if (places === 1) await command('shot ' + kind);
    screen = (await command('next')).filter((l) => l.startsWith('screen '));
  }
  return { places, prompts, after: screen };
}

(async () => {
  const url = (await waitLine((l) => l.startsWith('url '), 'the address')).slice(4);
  const code = (await waitLine((l) => l.startsWith('code '), 'the room code')).slice(5);
  check(url.startsWith('http://127.0.0.1:'), 'the session listens on loopback only');
  check(/^[0-9]{6}$/.test(code), 'the room code is six digits');

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const phones = [await phone(browser, 'id-ID'), await phone(browser, 'en-US')];
  phones[0].locale = 'id';
  phones[1].locale = 'en';

  // Both phones join by the address and the code, each picking a name from the roster
  for (let i = 0; i < phones.length; i++) {
    const page = phones[i].page;
    await page.goto(url);
    await page.fill('#code-input', code);
    await page.click('#code-form button');
    await page.waitForSelector('#screen-name:not([hidden])');
    await page.getByRole('button', { name: NAMES[i] }).click();
    await page.waitForSelector('#screen-wait:not([hidden])');
    await page.screenshot({ path: path.join(shots, 'e2e-phone-joined-' + phones[i].locale + '.png') });
  }
  await command('joined 2');
  check(true, 'two phones joined the session the application leads');

  // The pre-test: each half of the room answers its own form
  let first = (await command('pretest')).filter((l) => l.startsWith('screen '));
  check(first[0] && first[0].startsWith('screen pre 1 '), 'the trainer started the pre-test');
  const pre = await takeTest(phones, 'pre', first);
  check(pre.places === Number(first[0].split(' ')[3]), 'the phones answered every place of the pre-test (' + pre.places + ')');
  check(pre.prompts[0].every((prompt, i) => prompt !== pre.prompts[1][i]),
        'the two phones were asked different questions at each place (parallel forms)');

  // The video's checkpoint, sent to the phones
  first = (await command('checkpoint')).filter((l) => l.startsWith('screen '));
  check(first[0] && first[0].startsWith('screen checkpoint '), 'the trainer sent the video checkpoint');
  for (const p of phones) await answerNext(p, 'e2e-phone-checkpoint-' + p.locale + '.png');
  await command('shot checkpoint');
  check(true, 'both phones answered the checkpoint');

  // The post-test: each phone the other form
  first = (await command('posttest')).filter((l) => l.startsWith('screen '));
  check(first[0] && first[0].startsWith('screen post 1 '), 'the trainer started the post-test');
  const post = await takeTest(phones, 'post', first);
  check(post.places === pre.places, 'the phones answered every place of the post-test');
  for (let i = 0; i < phones.length; i++)
    check(post.prompts[i].every((prompt) => !pre.prompts[i].includes(prompt)),
          'phone ' + (i + 1) + ' met none of its pre-test questions in the post-test');

  // The end: the session is stored, and the gap report counts both participants
  const end = await command('end');
  check(end.some((l) => /^session ended [0-9]+ attempts$/.test(l) && Number(l.split(' ')[2]) === 6),
        'the session ended with six attempts marked with it: ' + end.filter((l) => !l.startsWith('#')).join(' | '));
  check(end.includes('gap untrained pre 2 post 2'),
        'the gap report counts both participants before and after');

  await browser.close();
  const from = lines.length;
  driver.stdin.write('quit\n');
  const exited = await waitLine((l) => l.startsWith('exited '), 'the application to quit', from);
  check(exited === 'exited 0', 'the application quit cleanly (' + exited + ')');
  console.log('all checks passed');
  process.exit(0);
})().catch((error) => {
  console.error(error);
  try { driver.stdin.write('quit\n'); } catch (e) { /* gone already */ }
  setTimeout(() => process.exit(1), 2000);
});
