// tutorgate's student page: asks POST /api/chat, reads the SSE answer with fetch + ReadableStream
// (EventSource cannot POST), renders Markdown safely (marked, then DOMPurify), shows sources and
// stars, and restores the conversation after a reload. No build step, no CDN.
'use strict';

(() => {
  const STORAGE_KEY = 'tutorgate.conversationId';

  const TEXT = {
    en: {
      title: 'Course tutor', skip: 'Skip to the question box', newConversation: 'New conversation',
      signinTitle: 'Sign in', signinText: 'Open the link your teacher gave you, or paste your access token here.',
      tokenLabel: 'Access token', signin: 'Sign in',
      intro: 'Ask anything about the course. Answers come from the lessons, with the lessons named as sources.',
      questionLabel: 'Your question', send: 'Send', stop: 'Stop', hint: 'Enter sends, Shift+Enter starts a new line.',
      sources: 'Sources:', rate: 'How helpful was this answer?', log: 'Conversation',
      placeholder: 'Ask a question about the course', placeholderExample: 'Ask a question, e.g. “{q}”',
      examples: 'Example questions', signedInAs: 'Signed in as {name}', you: 'You', tutor: 'Tutor',
      star: '{n} of 5 stars', thanks: 'Thank you!', copy: 'Copy', copied: 'Copied',
      stopped: 'Stopped.', offline: 'Cannot reach the tutor. Check your connection and try again.',
      generic: 'Something went wrong on our side; we are on it.',
      model: 'Model: {model}', cost: 'cost ${cost}', aboutLesson: 'Explain “{title}” in simple words',
    },
    ru: {
      title: 'Тьютор курса', skip: 'Перейти к полю вопроса', newConversation: 'Новый разговор',
      signinTitle: 'Вход', signinText: 'Откройте ссылку, которую дал преподаватель, или вставьте сюда ключ доступа.',
      tokenLabel: 'Ключ доступа', signin: 'Войти',
      intro: 'Спрашивайте о чём угодно из курса. Ответы берутся из уроков, источники указаны.',
      questionLabel: 'Ваш вопрос', send: 'Отправить', stop: 'Остановить',
      hint: 'Enter — отправить, Shift+Enter — новая строка.',
      sources: 'Источники:', rate: 'Насколько полезен этот ответ?', log: 'Разговор',
      placeholder: 'Задайте вопрос по курсу', placeholderExample: 'Задайте вопрос, например: «{q}»',
      examples: 'Примеры вопросов', signedInAs: 'Вы вошли как {name}', you: 'Вы', tutor: 'Тьютор',
      star: '{n} из 5 звёзд', thanks: 'Спасибо!', copy: 'Копировать', copied: 'Скопировано',
      stopped: 'Остановлено.', offline: 'Не удаётся связаться с тьютором. Проверьте соединение и попробуйте ещё раз.',
      generic: 'Что-то пошло не так на нашей стороне; мы уже разбираемся.',
      model: 'Модель: {model}', cost: 'стоимость ${cost}', aboutLesson: 'Объясните «{title}» простыми словами',
    },
  };
  const lang = (navigator.languages || [navigator.language || 'en'])
    .map((l) => String(l).slice(0, 2).toLowerCase())
    .find((l) => TEXT[l]) || 'en';
  const t = (key, values = {}) =>
    (TEXT[lang][key] || TEXT.en[key]).replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''));

  const $ = (id) => document.getElementById(id);
  const els = {
    signin: $('signin'), chat: $('chat'), composer: $('composer'), log: $('log'), intro: $('intro'),
    examples: $('examples'), form: $('ask'), question: $('question'), send: $('send'), stop: $('stop'),
    error: $('error'), who: $('who'), title: $('course-title'), newConversation: $('new-conversation'),
    template: $('answer-template'),
  };

  let conversationId = localStorage.getItem(STORAGE_KEY);
  let inFlight = null; // the AbortController of the answer being streamed

  // ---------- text and Markdown ----------

  function translatePage() {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
    document.querySelectorAll('[data-i18n-aria]').forEach((el) => el.setAttribute('aria-label', t(el.dataset.i18nAria)));
    els.examples.setAttribute('aria-label', t('examples'));
    els.question.placeholder = t('placeholder');
  }

  function renderMarkdown(target, markdown) {
    if (window.marked && window.DOMPurify) {
      const html = window.marked.parse(markdown, { gfm: true, breaks: false });
      target.innerHTML = window.DOMPurify.sanitize(html, { USE_PROFILES: { html: true } });
      target.querySelectorAll('a[href]').forEach((a) => { a.rel = 'noopener noreferrer'; a.target = '_blank'; });
      target.querySelectorAll('pre').forEach(addCopyButton);
    } else {
      target.textContent = markdown; // the libraries did not load: plain text is still safe
    }
  }

  function addCopyButton(pre) {
    const code = pre.querySelector('code');
    if (!code || !navigator.clipboard) return;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy';
    button.textContent = t('copy');
    button.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(code.textContent);
        button.textContent = t('copied');
        setTimeout(() => { button.textContent = t('copy'); }, 1500);
      } catch (e) { /* clipboard refused: nothing to do */ }
    });
    pre.classList.add('has-copy');
    pre.appendChild(button);
  }

  // ---------- messages on the page ----------

  function addQuestion(text) {
    const li = document.createElement('li');
    li.className = 'message user';
    const label = document.createElement('span');
    label.className = 'visually-hidden';
    label.textContent = t('you') + ': ';
    const bubble = document.createElement('div');
    bubble.className = 'bubble';
    bubble.textContent = text;
    li.append(label, bubble);
    els.log.appendChild(li);
    els.intro.hidden = true;
    li.scrollIntoView({ block: 'end' });
  }

  function addAnswer() {
    const li = els.template.content.firstElementChild.cloneNode(true);
    li.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
    els.log.appendChild(li);
    const content = li.querySelector('.content');
    let text = '';
    let scheduled = false;
    const view = {
      li,
      append(delta) {
        text += delta;
        if (!scheduled) { // re-render at most once per frame while deltas pour in
          scheduled = true;
          requestAnimationFrame(() => { scheduled = false; renderMarkdown(content, text); li.scrollIntoView({ block: 'end' }); });
        }
      },
      finish(done) {
        if (done && done.answer !== undefined) text = done.answer;
        renderMarkdown(content, text);
        content.setAttribute('aria-busy', 'false');
        li.classList.add('done');
        if (done) {
          showSources(li, done.sources || []);
          showMeta(li, done);
          if (done.requestId) showRating(li, done.requestId, done.stars);
        }
      },
      notice(text) {
        const note = li.querySelector('.notice');
        note.textContent = text;
        note.hidden = false;
      },
      fail(message) {
        content.setAttribute('aria-busy', 'false');
        if (!text) li.remove();
        else renderMarkdown(content, text);
        showError(message);
      },
      get text() { return text; },
    };
    return view;
  }

  function showSources(li, sources) {
    if (!sources.length) return;
    const box = li.querySelector('.sources');
    const list = box.querySelector('.sources-list');
    list.replaceChildren(...sources.map((s) => {
      const item = document.createElement('li');
      item.textContent = s;
      return item;
    }));
    box.hidden = false;
  }

  function showMeta(li, done) {
    const parts = [];
    if (done.model) parts.push(t('model', { model: done.model }));
    if (done.costUsd !== undefined && done.costUsd !== '0') parts.push(t('cost', { cost: done.costUsd }));
    li.querySelector('.meta').textContent = parts.join(' · ');
  }

  function showRating(li, requestId, stars) {
    const box = li.querySelector('.rating');
    const row = box.querySelector('.stars');
    const status = box.querySelector('.rating-status');
    const buttons = [1, 2, 3, 4, 5].map((n) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'star';
      b.dataset.stars = String(n);
      b.textContent = '★';
      b.setAttribute('aria-label', t('star', { n }));
      b.setAttribute('aria-pressed', 'false');
      b.addEventListener('click', () => rate(requestId, n, buttons, status));
      return b;
    });
    row.replaceChildren(...buttons);
    if (stars) mark(buttons, stars);
    box.hidden = false;
  }

  function mark(buttons, stars) {
    buttons.forEach((b, i) => {
      b.classList.toggle('on', i < stars);
      b.setAttribute('aria-pressed', String(i + 1 === stars));
    });
  }

  async function rate(requestId, stars, buttons, status) {
    try {
      const res = await fetch('/api/feedback', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ requestId, stars }),
      });
      if (!res.ok) { showError(await errorMessage(res)); return; }
      mark(buttons, stars);
      status.textContent = t('thanks');
      hideError();
    } catch (e) {
      showError(t('offline'));
    }
  }

  function showError(message) {
    els.error.textContent = message;
    els.error.hidden = false;
  }

  function hideError() {
    els.error.hidden = true;
    els.error.textContent = '';
  }

  async function errorMessage(res) {
    try {
      const body = await res.json();
      if (body && body.error && body.error.message) return body.error.message;
    } catch (e) { /* not JSON */ }
    return t('generic');
  }

  // ---------- asking ----------

  async function ask(message) {
    hideError();
    addQuestion(message);
    const answer = addAnswer();
    const controller = new AbortController();
    inFlight = controller;
    setBusy(true);
    try {
      const res = await fetch('/api/chat', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
        body: JSON.stringify(conversationId ? { message, conversationId } : { message }),
        signal: controller.signal,
      });
      if (!res.ok) {
        const status = res.status;
        answer.fail(await errorMessage(res));
        if (status === 404 && conversationId) forgetConversation(); // it is gone: the next question starts anew
        if (status === 401) showSignin();
        return;
      }
      await readEvents(res.body, {
        meta(data) { rememberConversation(data.conversationId); if (data.notice) answer.notice(data.notice); },
        delta(data) { answer.append(data.text); },
        done(data) { rememberConversation(data.conversationId); answer.finish(data); },
        error(data) { answer.fail((data.error && data.error.message) || t('generic')); },
      });
    } catch (e) {
      if (controller.signal.aborted) answer.fail(t('stopped'));
      else answer.fail(t('offline'));
    } finally {
      inFlight = null;
      setBusy(false);
      els.question.focus();
    }
  }

  /** Parses an SSE body: frames end with a blank line; "event:" names them, "data:" carries JSON. */
  async function readEvents(body, handlers) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value.replace(/\r\n/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        dispatch(frame, handlers);
      }
    }
  }

  function dispatch(frame, handlers) {
    let name = 'message';
    const data = [];
    for (const line of frame.split('\n')) {
      if (line.startsWith(':')) continue; // heartbeat comment
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') name = value;
      else if (field === 'data') data.push(value);
    }
    if (!data.length || !handlers[name]) return;
    handlers[name](JSON.parse(data.join('\n')));
  }

  function setBusy(busy) {
    els.send.hidden = busy;
    els.stop.hidden = !busy;
    els.question.setAttribute('aria-busy', String(busy));
  }

  function rememberConversation(id) {
    if (id && id !== conversationId) {
      conversationId = id;
      localStorage.setItem(STORAGE_KEY, id);
    }
  }

  function forgetConversation() {
    conversationId = null;
    localStorage.removeItem(STORAGE_KEY);
  }

  function newConversation() {
    if (inFlight) inFlight.abort();
    forgetConversation();
    els.log.replaceChildren();
    els.intro.hidden = false;
    hideError();
    els.question.focus();
  }

  // ---------- start ----------

  async function restore() {
    if (!conversationId) return;
    const res = await fetch('/api/conversations/' + encodeURIComponent(conversationId), { headers: { Accept: 'application/json' } });
    if (!res.ok) { forgetConversation(); return; }
    const body = await res.json();
    for (const m of body.messages || []) {
      if (m.role === 'user') addQuestion(m.content);
      else {
        const answer = addAnswer();
        answer.finish({ answer: m.content, sources: m.sources, model: m.model, requestId: m.requestId, stars: m.stars });
      }
    }
  }

  function showSignin() {
    els.signin.hidden = false;
    els.chat.hidden = true;
    els.composer.hidden = true;
    els.newConversation.hidden = true;
  }

  /** The course's own example questions, else questions about three lessons spread over the course. */
  function exampleQuestions(course) {
    if (course.exampleQuestions && course.exampleQuestions.length) return course.exampleQuestions.slice(0, 3);
    const lessons = course.lessons || [];
    const picks = lessons.length <= 3 ? lessons
      : [lessons[Math.floor(lessons.length / 4)], lessons[Math.floor(lessons.length / 2)], lessons[Math.floor(3 * lessons.length / 4)]];
    return picks.map((title) => t('aboutLesson', { title }));
  }

  async function showCourse() {
    try {
      const res = await fetch('/api/course', { headers: { Accept: 'application/json' } });
      if (!res.ok) return;
      const course = await res.json();
      if (course.title) { els.title.textContent = course.title; document.title = course.title; }
      const examples = exampleQuestions(course);
      if (examples.length) els.question.placeholder = t('placeholderExample', { q: examples[0] });
      els.examples.replaceChildren(...examples.map((q) => {
        const li = document.createElement('li');
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'example';
        b.textContent = q;
        b.addEventListener('click', () => { els.question.value = q; els.question.focus(); });
        li.appendChild(b);
        return li;
      }));
    } catch (e) { /* the hint is optional */ }
  }

  async function start() {
    translatePage();
    let me;
    try {
      const res = await fetch('/api/me', { headers: { Accept: 'application/json' } });
      if (res.status === 401 || res.status === 403) { showSignin(); return; }
      me = await res.json();
    } catch (e) {
      showError(t('offline'));
      return;
    }
    els.who.textContent = t('signedInAs', { name: me.name });
    els.chat.hidden = false;
    els.composer.hidden = false;
    await showCourse();
    try { await restore(); } catch (e) { forgetConversation(); }
    els.question.focus();
  }

  els.form.addEventListener('submit', (event) => {
    event.preventDefault();
    const message = els.question.value.trim();
    if (!message || inFlight) return;
    els.question.value = '';
    ask(message);
  });
  els.question.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      els.form.requestSubmit();
    }
  });
  els.stop.addEventListener('click', () => { if (inFlight) inFlight.abort(); });
  els.newConversation.addEventListener('click', newConversation);

  start();
})();
