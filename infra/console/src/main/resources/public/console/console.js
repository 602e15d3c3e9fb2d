// The ops console: plain DOM code against the admin API (same origin). Everything the API says is put in
// the page as text (textContent), never as HTML.
(function () {
  'use strict';

  var POLL_MS = 2000;
  var HISTORY = 60; // p99 points kept per view: two minutes at one poll every 2 s
  var TOKEN_KEY = 'zerosync.adminToken';
  var FINISHED = { succeeded: true, failed: true, cancelled: true };

  var token = null;
  var history = {}; // view -> [p99 ms or null]
  var knownViews = [];
  var pendingReimport = null; // the body the shown estimate was made for
  var reconcileJob = null;
  var polling = false;

  function $(id) { return document.getElementById(id); }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') { node.textContent = attrs[k]; } else if (k === 'className') { node.className = attrs[k]; } else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return node;
  }

  // --- the admin token: ?token= first (then dropped from the address bar), else this tab's sessionStorage, else asked once

  function takeToken() {
    var url = new URL(window.location.href);
    var fromUrl = url.searchParams.get('token');
    if (fromUrl) {
      sessionStorage.setItem(TOKEN_KEY, fromUrl);
      url.searchParams.delete('token');
      window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    }
    token = sessionStorage.getItem(TOKEN_KEY);
    $('token-form').hidden = !!token;
    return !!token;
  }

  function askToken(reason) {
    sessionStorage.removeItem(TOKEN_KEY);
    token = null;
    $('token-form').hidden = false;
    $('token-input').focus();
    setStatus(reason || 'needs the admin token');
  }

  // --- API calls and readable errors

  function ApiError(status, code, message) {
    this.status = status;
    this.code = code;
    this.message = message;
  }

  function api(method, path, body) {
    if (!token) {
      return Promise.reject(new ApiError(0, 'no_token', 'enter the admin token first'));
    }
    var init = { method: method, headers: { 'Authorization': 'Bearer ' + token, 'Accept': 'application/json' } };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(path, init).then(function (response) {
      return response.text().then(function (text) {
        var json = null;
        try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
        if (!response.ok) {
          var code = json && json.error ? json.error : 'http_' + response.status;
          var message = json && json.message ? json.message : (text || response.statusText).slice(0, 300);
          if (response.status === 401 || response.status === 403) {
            askToken('the admin token was refused');
          }
          throw new ApiError(response.status, code, message);
        }
        return json;
      });
    }, function (e) {
      throw new ApiError(0, 'network', 'cannot reach the admin API (' + e.message + ')');
    });
  }

  function showError(what, e) {
    var box = $('errors');
    var line = el('div', {}, [what + ': ',
      el('code', { text: e.status ? 'HTTP ' + e.status + ' ' + e.code : e.code || 'error' }),
      ' — ' + (e.message || String(e)) + ' ',
      el('button', { type: 'button', className: 'link', text: 'dismiss' })]);
    line.lastChild.addEventListener('click', function () { line.remove(); });
    box.prepend(line);
    while (box.children.length > 5) { box.lastChild.remove(); }
  }

  function setStatus(text) { $('status').textContent = text; }

  // --- formatting

  function count(n) { return n === null || n === undefined ? '–' : Number(n).toLocaleString('en-US'); }

  function millis(ms) {
    if (ms === null || ms === undefined) { return '–'; }
    return ms < 1000 ? ms + ' ms' : (ms / 1000).toFixed(ms < 10000 ? 2 : 1) + ' s';
  }

  function seconds(s) {
    if (s === null || s === undefined) { return '–'; }
    if (s < 60) { return Math.round(s) + ' s'; }
    if (s < 3600) { return Math.floor(s / 60) + ' min ' + Math.round(s % 60) + ' s'; }
    return Math.floor(s / 3600) + ' h ' + Math.round((s % 3600) / 60) + ' min';
  }

  function scopeText(scope) {
    if (!scope) { return '–'; }
    if (scope.type === 'ids') { return 'ids (' + count(scope.count) + ')'; }
    if (scope.type === 'updated') { return 'updated ' + scope.from + ' – ' + scope.to; }
    return scope.type;
  }

  // --- views: health table and the p99 chart

  function renderViews(views) {
    var body = $('views').querySelector('tbody');
    body.textContent = '';
    views.forEach(function (v) {
      var lag = v.lag || {};
      var points = history[v.view] = (history[v.view] || []).concat([lag.p99 === undefined ? null : lag.p99]).slice(-HISTORY);
      var chart = el('canvas', { width: '160', height: '36', 'aria-label': 'recent p99 lag of ' + v.view });
      var redrive = el('button', { type: 'button', text: 'Redrive DLQ', 'data-action': 'redrive' });
      redrive.disabled = !v.dlqDepth;
      redrive.addEventListener('click', function () { doRedrive(v.view); });
      var reconcile = el('button', { type: 'button', text: 'Reconcile', 'data-action': 'reconcile' });
      reconcile.addEventListener('click', function () { doReconcile(v.view); });
      body.appendChild(el('tr', { 'data-view': v.view }, [
        el('td', { text: v.view }),
        el('td', { className: 'num', text: count(v.queueDepth) }),
        el('td', { className: 'num', text: count(v.inFlight) }),
        el('td', { className: 'num' + (v.dlqDepth ? ' warn' : ''), text: count(v.dlqDepth) }),
        el('td', { className: 'num', text: seconds(v.oldestMessageAgeSeconds) }),
        el('td', { className: 'num', text: millis(lag.p50) }),
        el('td', { className: 'num', text: millis(lag.p90) }),
        el('td', { className: 'num', text: millis(lag.p99) }),
        el('td', {}, [chart]),
        el('td', {}, [redrive, ' ', reconcile])
      ]));
      drawChart(chart, points);
    });
    var names = views.map(function (v) { return v.view; });
    if (names.join() !== knownViews.join()) {
      knownViews = names;
      var select = $('reimport-view');
      select.textContent = '';
      select.appendChild(el('option', { value: 'all', text: 'all' }));
      names.forEach(function (n) { select.appendChild(el('option', { value: n, text: n })); });
    }
  }

  /** A line of the recent p99 values, scaled to their own maximum (printed at the top left). */
  function drawChart(canvas, points) {
    var g = canvas.getContext('2d');
    var w = canvas.width, h = canvas.height, pad = 3;
    g.clearRect(0, 0, w, h);
    g.fillStyle = '#f1f3f7';
    g.fillRect(0, 0, w, h);
    var values = points.filter(function (p) { return p !== null; });
    if (!values.length) {
      g.fillStyle = '#99a';
      g.font = '10px system-ui, sans-serif';
      g.fillText('no samples yet', 6, h / 2 + 3);
      return;
    }
    var max = Math.max.apply(null, values) || 1;
    // Spread over the width while the history fills up, so the first polls already draw a line.
    var step = (w - 2 * pad) / Math.max(1, points.length - 1);
    var x0 = pad;
    g.strokeStyle = '#3a8ee6';
    g.lineWidth = 1.5;
    g.beginPath();
    var drawing = false;
    points.forEach(function (p, i) {
      if (p === null) { drawing = false; return; }
      var x = x0 + i * step, y = h - pad - (p / max) * (h - 2 * pad - 12);
      if (drawing) { g.lineTo(x, y); } else { g.moveTo(x, y); drawing = true; }
    });
    g.stroke();
    var last = points[points.length - 1];
    if (last !== null) {
      g.fillStyle = '#3a8ee6';
      g.beginPath();
      g.arc(x0 + (points.length - 1) * step, h - pad - (last / max) * (h - 2 * pad - 12), 2, 0, 2 * Math.PI);
      g.fill();
    }
    g.fillStyle = '#556';
    g.font = '9px system-ui, sans-serif';
    g.fillText('max ' + millis(max), 4, 9);
  }

  // --- jobs: progress, rate, ETA

  function renderJobs(jobs) {
    var body = $('jobs').querySelector('tbody');
    body.textContent = '';
    jobs.forEach(function (j) {
      var total = j.total || 0;
      var done = (j.processed || 0) + (j.failed || 0);
      var pct = j.state === 'succeeded' ? 100 : total > 0 ? Math.min(100, Math.floor(100 * done / total)) : 0;
      var bar = el('span', { className: 'bar ' + j.state }, [el('span', { style: 'width:' + pct + '%' })]);
      var progress = el('td', {}, [bar, ' ' + pct + '% · ' + count(j.processed) + ' / ' + count(total)
        + (j.failed ? ' · ' + count(j.failed) + ' failed' : '')]);
      if (j.reason) { progress.appendChild(el('div', { className: 'muted', text: j.reason })); }
      var actions = el('td', {});
      if (!FINISHED[j.state]) {
        var cancel = el('button', { type: 'button', className: 'link', text: 'cancel' });
        cancel.addEventListener('click', function () {
          api('DELETE', '/admin/reimports/' + encodeURIComponent(j.jobId)).then(poll, function (e) { showError('cancel ' + j.jobId, e); });
        });
        actions.appendChild(cancel);
      }
      body.appendChild(el('tr', { 'data-job-id': j.jobId, 'data-state': j.state }, [
        el('td', { text: j.jobId }),
        el('td', { text: j.view }),
        el('td', { text: scopeText(j.scope) }),
        el('td', { text: j.mode }),
        el('td', { className: 'state-' + j.state, text: j.state }),
        progress,
        el('td', { className: 'num', text: FINISHED[j.state] ? '–' : (j.ratePerSecond || 0) + '/s' }),
        el('td', { className: 'num', text: FINISHED[j.state] ? '–' : seconds(j.etaSeconds) }),
        actions
      ]));
    });
  }

  // --- re-import: an estimate (dryRun) first, then the same body without dryRun

  function reimportBody() {
    var scopeType = document.querySelector('input[name=scope]:checked').value;
    var scope = { type: scopeType };
    if (scopeType === 'ids') {
      scope.ids = $('reimport-ids').value.split(/\s+/).filter(function (s) { return s.length; });
    } else if (scopeType === 'updated') {
      scope.from = $('reimport-from').value.trim();
      scope.to = $('reimport-to').value.trim();
    }
    return { view: $('reimport-view').value, scope: scope, mode: $('reimport-mode').value };
  }

  function estimate(event) {
    event.preventDefault();
    var body = reimportBody();
    api('POST', '/admin/reimports', Object.assign({ dryRun: true }, body)).then(function (answer) {
      var e = answer.estimate;
      pendingReimport = body;
      $('estimate-text').textContent = 'Estimate for ' + body.view + ' (' + body.scope.type + ', ' + body.mode + '): '
        + count(e.shops) + ' shops, ' + count(e.sourceCalls) + ' source API calls, about ' + seconds(e.durationSeconds) + '.';
      $('estimate').hidden = false;
    }, function (e) { showError('estimate', e); });
  }

  function confirmReimport() {
    if (!pendingReimport) { return; }
    var body = pendingReimport;
    pendingReimport = null;
    $('estimate').hidden = true;
    api('POST', '/admin/reimports', body).then(function (job) {
      setStatus('started ' + job.jobId);
      poll();
    }, function (e) { showError('re-import', e); });
  }

  // --- DLQ redrive and reconcile

  function doRedrive(view) {
    api('POST', '/admin/views/' + encodeURIComponent(view) + '/dlq/redrive').then(function (answer) {
      setStatus('moved ' + answer.moved + ' message(s) from the ' + answer.view + ' DLQ back to its queue');
      poll();
    }, function (e) { showError('redrive ' + view, e); });
  }

  function doReconcile(view) {
    api('POST', '/admin/reconciles', { view: view, repair: false }).then(function (job) {
      reconcileJob = job.jobId;
      $('drift').hidden = true;
      $('reconcile-status').textContent = 'Reconciling ' + view + ' (' + job.jobId + ')…';
      followReconcile(job.jobId);
    }, function (e) { showError('reconcile ' + view, e); });
  }

  function followReconcile(jobId) {
    if (reconcileJob !== jobId) { return; }
    api('GET', '/admin/reconciles/' + encodeURIComponent(jobId)).then(function (job) {
      if (!FINISHED[job.state]) {
        $('reconcile-status').textContent = 'Reconciling ' + job.view + ' (' + jobId + '): ' + count(job.processed)
          + ' / ' + count(job.total) + ' checked…';
        setTimeout(function () { followReconcile(jobId); }, POLL_MS);
        return;
      }
      var drift = job.drift || {};
      var found = Object.keys(drift).reduce(function (n, k) { return n + (drift[k] || 0); }, 0);
      $('reconcile-status').textContent = 'Reconcile of ' + job.view + ' ' + job.state + ' (' + jobId + '): '
        + (found ? count(found) + ' row(s) drifted' : 'no drift') + (job.reason ? ' — ' + job.reason : '');
      renderDrift(jobId, drift);
    }, function (e) { showError('reconcile ' + jobId, e); });
  }

  function renderDrift(jobId, drift) {
    var body = $('drift').querySelector('tbody');
    body.textContent = '';
    ['missing', 'stale', 'orphan', 'divergent', 'ahead'].forEach(function (cls) {
      var ids = el('td', { className: 'muted', text: drift[cls] ? 'loading…' : '' });
      body.appendChild(el('tr', { 'data-class': cls }, [el('td', { text: cls }),
        el('td', { className: 'num', text: count(drift[cls] || 0) }), ids]));
      if (drift[cls]) {
        api('GET', '/admin/reconciles/' + encodeURIComponent(jobId) + '/drift?class=' + cls).then(function (page) {
          ids.textContent = page.ids.join(' ') + (page.nextCursor ? ' …' : '');
        }, function (e) { ids.textContent = ''; showError('drift ' + cls, e); });
      }
    });
    $('drift').hidden = false;
  }

  // --- polling

  function poll() {
    if (!token || polling) { return Promise.resolve(); }
    polling = true;
    return Promise.all([
      api('GET', '/admin/views').then(function (a) { renderViews(a.views); }),
      api('GET', '/admin/reimports?limit=10').then(function (a) { renderJobs(a.jobs); })
    ]).then(function () {
      setStatus('updated ' + new Date().toLocaleTimeString());
    }, function (e) {
      if (e.status !== 401 && e.status !== 403) { showError('refresh', e); }
    }).then(function () { polling = false; });
  }

  function start() {
    $('token-form').addEventListener('submit', function (event) {
      event.preventDefault();
      var value = $('token-input').value.trim();
      if (!value) { return; }
      sessionStorage.setItem(TOKEN_KEY, value);
      $('token-input').value = '';
      takeToken();
      poll();
    });
    $('forget-token').addEventListener('click', function () { askToken('token forgotten'); });
    $('reimport-form').addEventListener('submit', estimate);
    $('reimport-confirm').addEventListener('click', confirmReimport);
    $('reimport-abort').addEventListener('click', function () { pendingReimport = null; $('estimate').hidden = true; });
    Array.prototype.forEach.call(document.querySelectorAll('input[name=scope]'), function (radio) {
      radio.addEventListener('change', function () {
        $('scope-ids').hidden = radio.value !== 'ids' || !radio.checked;
        $('scope-updated').hidden = radio.value !== 'updated' || !radio.checked;
        $('estimate').hidden = true;
        pendingReimport = null;
      });
    });
    if (takeToken()) { poll(); } else { askToken(); }
    setInterval(poll, POLL_MS);
  }

  start();
}());
