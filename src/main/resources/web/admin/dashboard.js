// tutorgate monitoring dashboard. Talks only to /api/admin/* with the admin cookie the ?token= link
// set (or a Bearer token kept for this tab when that hand-off is absent); renders with textContent
// only, never innerHTML, so no question or answer can inject markup.
(() => {
  'use strict';

  const TOKEN_KEY = 'tutorgate-admin-token';
  const $ = (id) => document.getElementById(id);
  const STATUS_WORDS = { green: '✓ on target', amber: '! off target', red: '✗ bad', none: '' };
  const OUTCOMES = { ok: 'answered', error: 'failed', cancelled: 'cancelled', rejected: 'refused' };
  const PALETTE = ['#1f5fbf', '#17703a', '#b7791f', '#8e44ad', '#c0392b', '#16a085', '#7f8c8d', '#2c3e50'];

  const state = {
    period: 'today', from: null, to: null, timer: null, charts: {}, summary: null,
    logBefore: null, loading: false,
  };
  window.tutorgateDashboard = state;

  // ---- access ------------------------------------------------------------------------------
  (function keepTokenFromUrl() {
    const url = new URL(location.href);
    const token = url.searchParams.get('token');
    if (token) {
      sessionStorage.setItem(TOKEN_KEY, token);
      url.searchParams.delete('token');
      history.replaceState(null, '', url.pathname + url.search + url.hash);
    }
  })();

  async function api(path, options = {}) {
    const headers = { Accept: 'application/json', ...(options.headers || {}) };
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) headers.Authorization = 'Bearer ' + token;
    const response = await fetch(path, { ...options, headers, credentials: 'same-origin' });
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      const message = body && body.error ? body.error.message : 'HTTP ' + response.status;
      const error = new Error(response.status === 401
        ? 'Please sign in: open the admin link the server printed at start (…/admin?token=…).' : message);
      error.status = response.status;
      throw error;
    }
    return body;
  }

  function showError(error) {
    const box = $('error');
    box.textContent = error ? error.message : '';
    box.hidden = !error;
  }

  // ---- range -------------------------------------------------------------------------------
  function rangeQuery() {
    const q = new URLSearchParams();
    if (state.period) q.set('period', state.period);
    else { q.set('from', state.from); q.set('to', state.to); }
    return q;
  }

  function selectPeriod(period) {
    state.period = period;
    state.from = state.to = null;
    document.querySelectorAll('.preset').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.period === period)));
    refresh();
  }

  // ---- formatting --------------------------------------------------------------------------
  function timeFormatter(summary, withDate) {
    const zone = summary.range.timeZone;
    return new Intl.DateTimeFormat(undefined, withDate
      ? { timeZone: zone, month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }
      : { timeZone: zone, hour: '2-digit', minute: '2-digit' });
  }

  function dayFormatter(summary) {
    return new Intl.DateTimeFormat(undefined, { timeZone: summary.range.timeZone, month: 'short', day: 'numeric' });
  }

  function usd(money) {
    return money ? money.text : '—';
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function row(cells) {
    const tr = document.createElement('tr');
    cells.forEach((c) => tr.appendChild(c instanceof Node ? c : el('td', null, c)));
    return tr;
  }

  function fill(tbody, rows) {
    tbody.replaceChildren(...rows);
  }

  // ---- rendering ---------------------------------------------------------------------------
  function render(summary) {
    state.summary = summary;
    const from = new Date(summary.range.from);
    const to = new Date(new Date(summary.range.to).getTime() - 1);
    const days = dayFormatter(summary);
    $('range-label').textContent = summary.range.label + ' (' + days.format(from)
      + (days.format(from) === days.format(to) ? '' : ' – ' + days.format(to)) + ', ' + summary.range.timeZone + ')';
    $('updated').textContent = 'updated ' + new Date(summary.generatedAt).toLocaleTimeString();
    const isoDay = new Intl.DateTimeFormat('en-CA', { timeZone: summary.range.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    $('from').value = isoDay.format(from);
    $('to').value = isoDay.format(to);
    renderBudget(summary);
    renderScaling(summary);
    renderCards(summary);
    renderCharts(summary);
    renderSplits(summary);
    renderModelFilter(summary);
  }

  function renderBudget(summary) {
    $('budget').replaceChildren(...summary.budget.map((b) => {
      const item = el('div', 'budget-item');
      item.dataset.period = b.period;
      const label = el('div', 'label');
      label.append(el('span', null, b.label), el('span', 'amount', b.text));
      const bar = el('div', 'progress ' + b.status);
      bar.setAttribute('role', 'progressbar');
      bar.setAttribute('aria-label', 'Budget ' + b.label);
      bar.setAttribute('aria-valuemin', '0');
      bar.setAttribute('aria-valuemax', '100');
      const percent = b.percent === null ? 0 : Math.min(100, Number(b.percent));
      bar.setAttribute('aria-valuenow', String(percent));
      bar.setAttribute('aria-valuetext', b.text);
      const fillBar = el('div', 'fill');
      fillBar.style.width = percent + '%';
      bar.appendChild(fillBar);
      item.append(label, bar, el('span', 'note', STATUS_WORDS[b.status] || ''));
      return item;
    }));
  }

  function renderScaling(summary) {
    const scaling = summary.scaling;
    $('headline').textContent = scaling.headline;
    $('advice').replaceChildren(...scaling.advice.map(renderAdvice));
    fill($('thresholds').tBodies[0], scaling.table.map((r) => {
      const tr = row([r.students, r.recommendation, r.monthlyCost]);
      if (r.students === scaling.row.students) {
        tr.className = 'current';
        tr.setAttribute('aria-current', 'true');
      }
      return tr;
    }));
  }

  const ADVICE_MARKS = { critical: '✗ Act now: ', warning: '! Plan: ', info: 'Consider: ', ok: '✓ ' };

  /** One piece of the scaling advisor's advice: what to do, why, how, and the numbers behind it. */
  function renderAdvice(a) {
    const item = el('li', 'advice ' + a.level);
    item.dataset.topic = a.topic;
    item.dataset.level = a.level;
    item.append(el('strong', 'title', (ADVICE_MARKS[a.level] || '') + a.title));
    if (a.level !== 'ok') {
      item.append(el('p', 'because', a.because), el('p', 'how', a.action));
    }
    const numbers = el('p', 'numbers', a.numbers.map((n) => n.name + ': ' + n.text).join(' · '));
    item.append(numbers);
    return item;
  }

  function renderCards(summary) {
    $('cards').replaceChildren(...summary.figures.map((f) => {
      const card = el('article', 'card ' + f.status);
      card.dataset.key = f.key;
      card.dataset.status = f.status;
      card.setAttribute('aria-label', f.label + ': ' + f.text + (STATUS_WORDS[f.status] ? ', ' + STATUS_WORDS[f.status] : ''));
      card.append(el('span', 'label', f.label), el('span', 'value', f.text));
      if (STATUS_WORDS[f.status]) card.append(el('span', 'status', STATUS_WORDS[f.status]));
      if (f.target) card.append(el('span', 'target', 'target ' + f.target));
      if (f.note) card.append(el('span', 'note', f.note));
      return card;
    }));
  }

  function chart(id, config) {
    const existing = state.charts[id];
    if (existing) {
      existing.data = config.data;
      existing.options = config.options;
      existing.update('none');
      return existing;
    }
    state.charts[id] = new window.Chart($(id), config);
    return state.charts[id];
  }

  function renderCharts(summary) {
    if (!window.Chart) return;
    const points = summary.series.points;
    const multiDay = new Date(summary.range.to) - new Date(summary.range.from) > 86400000 * 1.01;
    const format = summary.series.hourly ? timeFormatter(summary, multiDay) : dayFormatter(summary);
    const labels = points.map((p) => format.format(new Date(p.start)));
    const common = {
      responsive: true, maintainAspectRatio: false, animation: false,
      interaction: { mode: 'index', intersect: false },
      plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } } },
    };
    chart('chart-cost', {
      type: 'bar',
      data: { labels, datasets: [{ label: 'Cost (USD)', data: points.map((p) => Number(p.cost.usd)), backgroundColor: PALETTE[0] }] },
      options: { ...common, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } },
    });
    chart('chart-cache', {
      type: 'line',
      data: { labels, datasets: [{ label: 'Cache hit rate (%)', data: points.map((p) => p.cacheHitPercent === null ? null : Number(p.cacheHitPercent)),
        borderColor: PALETTE[1], backgroundColor: PALETTE[1], spanGaps: true, pointRadius: 2 }] },
      options: { ...common, plugins: { legend: { display: false } }, scales: { y: { min: 0, max: 100 } } },
    });
    chart('chart-latency', {
      type: 'line',
      data: { labels, datasets: [
        { label: 'TTFT p50', data: points.map((p) => p.ttftP50), borderColor: PALETTE[1], backgroundColor: PALETTE[1], spanGaps: true, pointRadius: 2 },
        { label: 'TTFT p95', data: points.map((p) => p.ttftP95), borderColor: PALETTE[2], backgroundColor: PALETTE[2], spanGaps: true, pointRadius: 2 },
        { label: 'TTFT p99', data: points.map((p) => p.ttftP99), borderColor: PALETTE[4], backgroundColor: PALETTE[4], spanGaps: true, pointRadius: 2 },
        { label: 'Latency p95', data: points.map((p) => p.latencyP95), borderColor: PALETTE[0], backgroundColor: PALETTE[0], spanGaps: true, pointRadius: 2, borderDash: [6, 4] },
      ] },
      options: { ...common, scales: { y: { beginAtZero: true } } },
    });
    chart('chart-models', {
      type: 'bar',
      data: { labels, datasets: summary.series.models.map((m, i) => ({
        label: m, data: points.map((p) => p.requestsByModel[m] || 0), backgroundColor: PALETTE[i % PALETTE.length] })) },
      options: { ...common, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
    });
  }

  function renderSplits(summary) {
    fill($('by-model').tBodies[0], summary.byModel.map((m) => row([m.model, m.requests, m.calls, m.errors, usd(m.cost),
      m.costPercent === null ? '—' : m.costPercent + '%', m.cacheHitPercent === null ? '—' : m.cacheHitPercent + '%',
      usd(m.perQuery), usd(m.perStudentMonth), m.cpsmTarget || '—'])));
    fill($('by-complexity').tBodies[0], summary.byComplexity.map((c) => row([c.complexity, c.requests, c.answered,
      usd(c.cost), c.costPercent === null ? '—' : c.costPercent + '%'])));
    $('savings').textContent = summary.routingSavings
      ? 'Routing by complexity: ' + summary.routingSavings.text : 'Routing savings: no priced model calls in this range.';
    fill($('top-students').tBodies[0], summary.topStudents.map((s) => {
      const tr = row([s.name ? s.name + ' (' + s.studentId + ')' : s.studentId, s.requests, s.answered, usd(s.cost)]);
      return tr;
    }));
    fill($('providers').tBodies[0], summary.providers.map((p) => row([p.provider, p.model || 'any', p.keyAlias || 'any',
      p.tier || '—', p.state, p.rpmUsed === null ? '—' : p.rpmUsed + ' / ' + (p.rpmLimit ?? '∞'),
      p.tpmUsed === null ? '—' : p.tpmUsed + ' / ' + (p.tpmLimit ?? '∞'), p.usedPercent === null ? '—' : p.usedPercent + '%'])));
    $('providers-empty').hidden = summary.providers.length > 0;
  }

  function renderModelFilter(summary) {
    const select = $('f-model');
    const current = select.value;
    const models = new Set(summary.byModel.map((m) => m.model));
    if (current) models.add(current);
    select.replaceChildren(el('option', null, 'any'), ...[...models].sort().map((m) => {
      const option = el('option', null, m);
      option.value = m;
      return option;
    }));
    select.firstChild.value = '';
    select.value = current;
  }

  // ---- request log ---------------------------------------------------------------------------
  function logQuery(before) {
    const q = rangeQuery();
    const student = $('f-student').value.trim();
    if (student) q.set('student', student);
    if ($('f-model').value) q.set('model', $('f-model').value);
    if ($('f-outcome').value) q.set('outcome', $('f-outcome').value);
    if (before) q.set('before', before);
    return q;
  }

  async function loadLog(append) {
    const q = logQuery(append ? state.logBefore : null);
    $('csv').href = '/api/admin/requests.csv?' + logQuery(null).toString();
    const page = await api('/api/admin/requests?' + q.toString());
    const body = $('log').tBodies[0];
    const rows = page.requests.map(logRow);
    if (append) body.append(...rows); else body.replaceChildren(...rows);
    state.logBefore = page.nextBefore;
    $('older').hidden = page.nextBefore === null;
  }

  function logRow(r) {
    const when = new Intl.DateTimeFormat(undefined, { timeZone: state.summary ? state.summary.range.timeZone : undefined,
      month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(new Date(r.startedAt));
    const outcome = el('td', 'outcome-' + r.outcome, OUTCOMES[r.outcome] + (r.errorKind ? ' (' + r.errorKind + ')' : ''));
    const tr = row([when, r.studentName || r.studentId || '—', el('td', 'question', r.question || '—'),
      (r.model || '—') + (r.fallbackReason ? ' ↩ ' + r.fallbackReason : ''), outcome, r.attempts, r.cost.text,
      r.ttftMs === null ? '—' : r.ttftMs + ' ms', r.stars === null ? '—' : '★'.repeat(r.stars)]);
    tr.tabIndex = 0;
    tr.dataset.requestId = r.requestId;
    tr.addEventListener('click', () => openDetail(r.requestId));
    tr.addEventListener('keydown', (e) => { if (e.key === 'Enter') openDetail(r.requestId); });
    return tr;
  }

  async function openDetail(requestId) {
    try {
      const d = await api('/api/admin/requests/' + encodeURIComponent(requestId));
      const s = d.summary;
      $('detail-title').textContent = 'Request ' + s.requestId;
      const started = new Intl.DateTimeFormat(undefined, { timeZone: state.summary ? state.summary.range.timeZone : undefined,
        dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(s.startedAt));
      const meta = [['Started', started], ['Student', (s.studentName || '') + ' ' + (s.studentId || '')],
        ['Complexity', s.complexity || '—'], ['Model', s.model || '—'], ['Outcome', OUTCOMES[s.outcome] + (s.errorKind ? ' (' + s.errorKind + ')' : '')],
        ['Fallback', s.fallbackReason || '—'], ['Cost', s.cost.text]];
      $('detail-meta').replaceChildren(...meta.flatMap(([k, v]) => [el('dt', null, k), el('dd', null, v)]));
      $('detail-question').textContent = d.question || '(not kept)';
      $('detail-answer').textContent = d.answer || '(no answer)';
      $('detail-sources').textContent = d.sources.length ? 'Sources: ' + d.sources.join(' · ') : 'No sources.';
      fill($('detail-attempts').tBodies[0], d.attempts.map((a) => row([a.attempt, a.model || '—', a.keyAlias || '—',
        a.outcome, a.errorKind || '—', a.fallbackReason || '—',
        a.usage.inputTokens + ' / ' + a.usage.cachedInputTokens + ' / ' + a.usage.outputTokens, a.cost.text,
        a.ttftMs === null ? '—' : a.ttftMs + ' ms', a.latencyMs === null ? '—' : a.latencyMs + ' ms'])));
      const parts = [];
      if (d.feedback) parts.push('Rated ' + '★'.repeat(d.feedback.stars) + (d.feedback.comment ? ': “' + d.feedback.comment + '”' : ''));
      if (d.review) parts.push('Reviewed: ' + d.review.verdict + (d.review.note ? ' — ' + d.review.note : ''));
      $('detail-feedback').textContent = parts.join(' · ') || 'No rating or review yet.';
      $('detail').showModal();
    } catch (error) {
      showError(error);
    }
  }

  // ---- review queue ----------------------------------------------------------------------------
  async function loadSample() {
    const q = rangeQuery();
    if (state.period === 'today') q.set('period', '30d');
    q.set('n', '5');
    const page = await api('/api/admin/reviews/sample?' + q.toString());
    const list = $('review-list');
    if (!page.sample.length) {
      list.replaceChildren(el('li', 'note', 'Nothing to review: every answered request in the range has a verdict.'));
      return;
    }
    list.replaceChildren(...page.sample.map(reviewItem));
  }

  function reviewItem(d) {
    const li = el('li');
    li.dataset.requestId = d.summary.requestId;
    li.append(el('p', 'q text', d.question || '(question not kept)'), el('div', 'answer text', d.answer || '(no answer text)'));
    const note = el('input');
    note.type = 'text';
    note.placeholder = 'Note (optional)';
    note.setAttribute('aria-label', 'Note on this answer');
    note.maxLength = 2000;
    const status = el('span', 'note');
    status.setAttribute('aria-live', 'polite');
    const buttons = ['correct', 'incorrect'].map((verdict) => {
      const b = el('button', verdict === 'correct' ? null : 'secondary', verdict === 'correct' ? '✓ Correct' : '✗ Incorrect');
      b.type = 'button';
      b.dataset.verdict = verdict;
      b.addEventListener('click', async () => {
        try {
          await api('/api/admin/reviews', { method: 'POST', headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ requestId: d.summary.requestId, verdict, note: note.value || null }) });
          status.textContent = 'Saved: ' + verdict;
          li.dataset.verdict = verdict;
          refresh();
        } catch (error) {
          status.textContent = error.message;
        }
      });
      return b;
    });
    const bar = el('div', 'verdict');
    bar.append(...buttons, note, status);
    li.append(bar);
    return li;
  }

  // ---- refresh ---------------------------------------------------------------------------------
  async function refresh() {
    if (state.loading) return;
    state.loading = true;
    try {
      render(await api('/api/admin/summary?' + rangeQuery().toString()));
      await loadLog(false);
      showError(null);
    } catch (error) {
      showError(error);
    } finally {
      state.loading = false;
    }
  }

  function schedule() {
    clearInterval(state.timer);
    const seconds = Number(document.querySelector('meta[name="tutorgate-refresh-seconds"]').content) || 30;
    $('refresh-seconds').textContent = String(seconds);
    if ($('auto-refresh').checked) {
      state.timer = setInterval(() => { if (!document.hidden) refresh(); }, seconds * 1000);
    }
  }

  document.querySelectorAll('.preset').forEach((b) => b.addEventListener('click', () => selectPeriod(b.dataset.period)));
  $('custom-range').addEventListener('submit', (e) => {
    e.preventDefault();
    state.period = null;
    state.from = $('from').value;
    state.to = $('to').value;
    document.querySelectorAll('.preset').forEach((b) => b.setAttribute('aria-pressed', 'false'));
    refresh();
  });
  $('log-filters').addEventListener('submit', (e) => { e.preventDefault(); loadLog(false).catch(showError); });
  $('older').addEventListener('click', () => loadLog(true).catch(showError));
  $('sample').addEventListener('click', () => loadSample().catch(showError));
  $('auto-refresh').addEventListener('change', schedule);
  document.addEventListener('visibilitychange', () => { if (!document.hidden && $('auto-refresh').checked) refresh(); });

  schedule();
  refresh();
})();
