// The phone page of a Bekal group session: join the room, answer the question the trainer
// shows, see the explanation. Plain JavaScript; every text from the server goes through
// textContent, never as markup.
'use strict';

(function () {
  var TEXTS = {
    id: {
      'code-title': 'Masuk ke ruang pelatihan',
      'code-help': 'Ketik kode ruang yang tampil di layar proyektor.',
      'code-label': 'Kode ruang', 'next': 'Lanjut',
      'name-title': 'Siapa nama Anda?', 'name-label': 'Atau ketik nama Anda', 'join': 'Masuk',
      'wait': 'Tunggu pertanyaan dari pelatih.', 'welcome': 'Selamat datang, ',
      'send': 'Kirim jawaban', 'explanation': 'Penjelasan', 'true': 'Benar', 'false': 'Salah',
      'received': 'Jawaban Anda sudah diterima.', 'closed': 'Jawaban untuk pertanyaan ini sudah ditutup.',
      'choose-one': 'Pilih satu jawaban.', 'choose-many': 'Pilih semua yang benar, lalu kirim.',
      'order': 'Susun urutannya dengan tombol ▲ dan ▼, lalu kirim.',
      'match': 'Pasangkan setiap pernyataan, lalu kirim.', 'scale': 'Pilih satu angka.',
      'pick': '— pilih —', 'up': 'Naikkan', 'down': 'Turunkan',
      'connected': 'Terhubung', 'reconnecting': 'Menyambung ulang…',
      'wrong-room': 'Kode ruang salah. Periksa kode di layar proyektor.',
      'too-many-tries': 'Terlalu banyak kode salah. Minta bantuan pelatih.',
      'room-full': 'Ruang sudah penuh. Minta bantuan pelatih.',
      'too-many-joins': 'Terlalu banyak peserta dari perangkat ini. Minta bantuan pelatih.',
      'unknown-token': 'Sesi sudah berganti. Masuk lagi dengan kode ruang.',
      'question-closed': 'Jawaban untuk pertanyaan ini sudah ditutup.',
      'invalid-answer': 'Jawaban belum lengkap. Periksa lagi, lalu kirim.',
      'bad-message': 'Ada yang salah dengan pesan. Muat ulang halaman.',
      'not-joined': 'Anda belum masuk. Ketik kode ruang.',
      'other-language': 'English'
    },
    en: {
      'code-title': 'Join the training room',
      'code-help': 'Type the room code shown on the projector.',
      'code-label': 'Room code', 'next': 'Next',
      'name-title': 'What is your name?', 'name-label': 'Or type your name', 'join': 'Join',
      'wait': 'Wait for the trainer’s question.', 'welcome': 'Welcome, ',
      'send': 'Send answer', 'explanation': 'Explanation', 'true': 'True', 'false': 'False',
      'received': 'Your answer was received.', 'closed': 'Answers to this question are closed.',
      'choose-one': 'Choose one answer.', 'choose-many': 'Choose all that are right, then send.',
      'order': 'Put them in order with ▲ and ▼, then send.',
      'match': 'Match each statement, then send.', 'scale': 'Choose one number.',
      'pick': '— choose —', 'up': 'Move up', 'down': 'Move down',
      'connected': 'Connected', 'reconnecting': 'Reconnecting…',
      'wrong-room': 'Wrong room code. Check the code on the projector.',
      'too-many-tries': 'Too many wrong codes. Ask the trainer for help.',
      'room-full': 'The room is full. Ask the trainer for help.',
      'too-many-joins': 'Too many participants from this device. Ask the trainer for help.',
      'unknown-token': 'The session changed. Join again with the room code.',
      'question-closed': 'Answers to this question are closed.',
      'invalid-answer': 'The answer is not complete. Check it, then send.',
      'bad-message': 'Something went wrong with a message. Reload the page.',
      'not-joined': 'You have not joined yet. Type the room code.',
      'other-language': 'Bahasa Indonesia'
    }
  };
  var language = localStorage.getItem('bekal-language') ||
    ((navigator.language || 'id').slice(0, 2) === 'en' ? 'en' : 'id');
  var socket = null;
  var token = localStorage.getItem('bekal-token');
  var room = '';
  var name = localStorage.getItem('bekal-name') || '';
  var question = null;
  var selected = [];
  var retry = 500;
  var pingTimer = null;

  function $(id) { return document.getElementById(id); }
  function t(key) { return TEXTS[language][key] || key; }

  function applyLanguage() {
    document.documentElement.lang = language;
    var nodes = document.querySelectorAll('[data-text]');
    for (var i = 0; i < nodes.length; i++) nodes[i].textContent = t(nodes[i].dataset.text);
    $('language').textContent = t('other-language');
    if (name) $('welcome').textContent = t('welcome') + name;
    if (question) showQuestion(question, true);
  }

  function show(screen) {
    var screens = ['code', 'name', 'wait', 'question'];
    for (var i = 0; i < screens.length; i++) $('screen-' + screens[i]).hidden = screens[i] !== screen;
  }

  function problem(text) {
    $('problem').textContent = text || '';
    $('problem').hidden = !text;
  }

  function send(message) {
    if (socket && socket.readyState === 1) socket.send(JSON.stringify(message));
  }

  function connect() {
    var scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    socket = new WebSocket(scheme + location.host + '/ws');
    socket.onopen = function () {
      retry = 500;
      $('connection').textContent = t('connected');
      if (token) send({ type: 'rejoin', token: token });
      else if (room && name) send({ type: 'join', room: room, name: name });
      else show('code');
      clearInterval(pingTimer);
      pingTimer = setInterval(function () { send({ type: 'ping' }); }, 20000);
    };
    socket.onmessage = function (event) {
      var message;
      try { message = JSON.parse(event.data); } catch (e) { return; }
      receive(message);
    };
    socket.onclose = function () {
      clearInterval(pingTimer);
      $('connection').textContent = t('reconnecting');
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 8000);
    };
  }

  function receive(message) {
    switch (message.type) {
      case 'roster': showRoster(message.names || []); break;
      case 'joined':
        token = message.token;
        name = message.name;
        localStorage.setItem('bekal-token', token);
        localStorage.setItem('bekal-name', name);
        $('welcome').textContent = t('welcome') + name;
        problem('');
        show('wait');
        break;
      case 'wait': question = null; show('wait'); break;
      case 'question': showQuestion(message, false); break;
      case 'ack':
        if (question && message.question === question.id) {
          question.answered = true;
          lockAnswers();
          $('status').textContent = t('received');
        }
        break;
      case 'reveal': showReveal(message); break;
      case 'error':
        if (message.code === 'unknown-token') {
          token = null;
          localStorage.removeItem('bekal-token');
          show('code');
        }
        problem(t(message.code));
        break;
    }
  }

  function showRoster(names) {
    var box = $('roster');
    box.textContent = '';
    names.forEach(function (n) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'choice';
      button.textContent = n;
      button.addEventListener('click', function () { join(n); });
      box.appendChild(button);
    });
    problem('');
    show('name');
  }

  function join(chosen) {
    name = chosen;
    send({ type: 'join', room: room, name: chosen });
  }

  function choiceButton(text, pressed, onClick) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'choice';
    button.textContent = text;
    button.setAttribute('aria-pressed', pressed ? 'true' : 'false');
    button.addEventListener('click', onClick);
    return button;
  }

  function showQuestion(message, keep) {
    var box = $('answers');
    if (!keep || !question || question.id !== message.id) selected = [];
    question = message;
    box.textContent = '';
    box.className = 'choices';
    $('prompt').textContent = message.prompt;
    $('reveal').hidden = true;
    $('status').textContent = message.answered ? t('received') : (message.open ? '' : t('closed'));
    $('send').hidden = true;
    $('send').disabled = false;
    var kind = message.kind;
    if (kind === 'single' || kind === 'truefalse') {
      $('hint').textContent = t('choose-one');
      message.options.forEach(function (option) {
        // a true/false question's two answers are the page's words, in the phone's language
        var text = kind === 'truefalse' ? t(option.id === 'true' ? 'true' : 'false') : option.text;
        box.appendChild(choiceButton(text, false, function () {
          selected = [option.id];
          markPressed();
          answer(option.id);
        })).dataset.id = option.id;
      });
    } else if (kind === 'multiple') {
      $('hint').textContent = t('choose-many');
      message.options.forEach(function (option) {
        box.appendChild(choiceButton(option.text, selected.indexOf(option.id) >= 0, function () {
          var at = selected.indexOf(option.id);
          if (at >= 0) selected.splice(at, 1); else selected.push(option.id);
          markPressed();
        })).dataset.id = option.id;
      });
      $('send').hidden = false;
      $('send').onclick = function () { answer(selected.join(',')); };
    } else if (kind === 'order') {
      $('hint').textContent = t('order');
      if (selected.length !== message.options.length)
        selected = message.options.map(function (o) { return o.id; }).reverse();
      drawOrder();
      $('send').hidden = false;
      $('send').onclick = function () { answer(selected.join(',')); };
    } else if (kind === 'match') {
      $('hint').textContent = t('match');
      message.options.forEach(function (option) {
        var row = document.createElement('div');
        row.className = 'row match';
        var label = document.createElement('span');
        label.textContent = option.text;
        var select = document.createElement('select');
        select.dataset.left = option.id;
        select.setAttribute('aria-label', option.text);
        var none = document.createElement('option');
        none.value = '';
        none.textContent = t('pick');
        select.appendChild(none);
        message.rights.forEach(function (right) {
          var item = document.createElement('option');
          item.value = right.id;
          item.textContent = right.text;
          select.appendChild(item);
        });
        row.appendChild(label);
        row.appendChild(select);
        box.appendChild(row);
      });
      $('send').hidden = false;
      $('send').onclick = function () {
        var pairs = [];
        var selects = box.querySelectorAll('select');
        for (var i = 0; i < selects.length; i++)
          pairs.push(selects[i].dataset.left + '=' + selects[i].value);
        answer(pairs.join(','));
      };
    } else if (kind === 'scale') {
      $('hint').textContent = t('scale');
      box.className = 'choices scale';
      for (var v = message.min; v <= message.max; v++) {
        (function (value) {
          box.appendChild(choiceButton(String(value), false, function () {
            selected = [String(value)];
            markPressed();
            answer(String(value));
          })).dataset.id = String(value);
        })(v);
      }
    }
    markPressed();
    if (message.answered || !message.open) lockAnswers();
    show('question');
  }

  function drawOrder() {
    var box = $('answers');
    box.textContent = '';
    selected.forEach(function (id, index) {
      var option = question.options.filter(function (o) { return o.id === id; })[0];
      var row = document.createElement('div');
      row.className = 'row';
      row.dataset.id = id;
      var label = document.createElement('span');
      label.textContent = (index + 1) + '. ' + option.text;
      var up = document.createElement('button');
      up.type = 'button';
      up.textContent = '▲';
      up.setAttribute('aria-label', t('up'));
      up.disabled = index === 0;
      up.addEventListener('click', function () { move(index, -1); });
      var down = document.createElement('button');
      down.type = 'button';
      down.textContent = '▼';
      down.setAttribute('aria-label', t('down'));
      down.disabled = index === selected.length - 1;
      down.addEventListener('click', function () { move(index, 1); });
      row.appendChild(label);
      row.appendChild(up);
      row.appendChild(down);
      box.appendChild(row);
    });
  }

  function move(index, by) {
    var item = selected.splice(index, 1)[0];
    selected.splice(index + by, 0, item);
    drawOrder();
  }

  function markPressed() {
    var buttons = $('answers').querySelectorAll('.choice');
    for (var i = 0; i < buttons.length; i++)
      buttons[i].setAttribute('aria-pressed',
        selected.indexOf(buttons[i].dataset.id) >= 0 ? 'true' : 'false');
  }

  function lockAnswers() {
    var controls = $('answers').querySelectorAll('button, select');
    for (var i = 0; i < controls.length; i++) controls[i].disabled = true;
    $('send').disabled = true;
  }

  function answer(response) {
    if (!question || question.answered || !question.open) return;
    problem('');
    send({ type: 'answer', question: question.id, response: response });
  }

  function showReveal(message) {
    if (!question || message.id !== question.id) return;
    question.open = false;
    lockAnswers();
    var correct = message.correct || [];
    var buttons = $('answers').querySelectorAll('.choice');
    for (var i = 0; i < buttons.length; i++)
      if (correct.indexOf(buttons[i].dataset.id) >= 0) buttons[i].classList.add('correct');
    $('explanation').textContent = message.explanation;
    $('reveal').hidden = !message.explanation;
  }

  $('code-form').addEventListener('submit', function (event) {
    event.preventDefault();
    room = $('code-input').value.trim();
    send({ type: 'check-room', room: room });
  });
  $('name-form').addEventListener('submit', function (event) {
    event.preventDefault();
    join($('name-input').value.trim());
  });
  $('language').addEventListener('click', function () {
    language = language === 'id' ? 'en' : 'id';
    localStorage.setItem('bekal-language', language);
    applyLanguage();
  });

  applyLanguage();
  show(token ? 'wait' : 'code');
  connect();
})();
