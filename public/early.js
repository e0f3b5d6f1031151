// The QR landing pages' requests, started with the page instead of after the wasm.
//
// Why: a citizen arrives from the letter's QR code (`/anhoerung#az=…&code=…`,
// `/zahlen#kz=…&code=…`) on a phone. Without this script the sign-in waits for the whole wasm
// (seconds on slow 4G), then the case waits for the sign-in. Here both requests run while the
// wasm downloads, so the app finds the case already loaded.
//
// What it does, on those two paths only and only with both values in the fragment:
// 1. reads the pair and scrubs it from the address bar and history at once (replaceState);
// 2. sends the sign-in, then (on success) the case / notice request, exactly as the app would;
// 3. leaves the answers (Response objects) on `window.__early` for the app
//    (src/early.rs). The access code is handed back only if the sign-in did not succeed,
//    so the app can keep it in the form as before; nothing is written to any storage or log.
// Without it (script failed, another route, `trunk serve` without it) the app reads the
// fragment itself, as it always did. It also sets the static shell's heading for these routes
// on a static host (the bundled backend sends the right one already, town/shell.rs).
// A deferred classic script from 'self' (the CSP allows no inline code): it runs after parsing,
// before the app's module script.
(function () {
  'use strict';
  var ROUTES = {
    '/anhoerung': {
      kind: 'hearing', feature: 'hearing', id: 'az', idField: 'case_number', session: '/api/v1/hearings/session',
      current: '/api/v1/hearings/current', heading: 'Online-Anhörung',
      lead: 'Sie haben einen Anhörungsbogen erhalten.',
    },
    '/zahlen': {
      kind: 'notice', feature: 'notices', id: 'kz', idField: 'kassenzeichen', session: '/api/v1/notices/session',
      current: '/api/v1/notices/current', heading: 'Bescheid bezahlen',
      lead: 'Sie haben einen Bescheid oder eine Zahlungsaufforderung erhalten.',
    },
  };
  var route = ROUTES[location.pathname];
  if (!route) return;

  // Static hosts: the shell's heading for this route (the backend already sent it).
  var h1 = document.querySelector('#static-shell h1');
  if (h1 && h1.textContent !== route.heading) {
    h1.textContent = route.heading;
    var lead = document.querySelector('#static-shell .lead');
    if (lead) lead.textContent = route.lead;
    document.title = route.heading + ' – ' + document.title;
  }

  var pairs = {};
  location.hash.replace(/^#/, '').split('&').forEach(function (p) {
    var i = p.indexOf('=');
    if (i <= 0) return;
    try { pairs[p.slice(0, i)] = decodeURIComponent(p.slice(i + 1)); } catch (e) { /* ignored, as the app does */ }
  });
  var id = pairs[route.id];
  var code = pairs.code;
  if (!id || !code) return; // e.g. `#kz=…` alone: the app fills it in
  // The town's profile (index.html's data block): a town without the feature gets no request.
  var town = null;
  try { town = JSON.parse(document.getElementById('town-profile').textContent); } catch (e) { /* unfilled */ }
  if (town && town.features && town.features[route.feature] === false) return;
  history.replaceState(history.state, '', location.pathname + location.search);

  // The app's language (its one localStorage entry); English only where the town offers it.
  var lang = 'de';
  try {
    var stored = localStorage.getItem('lang') || '';
    if (/^en(-|$)/i.test(stored) && town.languages.indexOf('en') >= 0) lang = 'en';
  } catch (e) { /* no storage or no profile: German, the app's default */ }

  // The app's request shape (src/api/mod.rs) and timeout (20 s); null on a network failure.
  function send(url, init) {
    var ctrl = new AbortController();
    var timer = setTimeout(function () { ctrl.abort(); }, 20000);
    init.signal = ctrl.signal;
    init.headers.Accept = 'application/json';
    init.headers['Accept-Language'] = lang;
    init.headers['X-Requested-With'] = 'serviceportal';
    return fetch(url, init).then(
      function (r) { clearTimeout(timer); return r; },
      function () { clearTimeout(timer); return null; });
  }
  var body = { access_code: code };
  body[route.idField] = id;
  var session = send(route.session, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  var current = session.then(function (r) {
    if (!r || !r.ok) return null;
    return r.clone().json().then(function (s) {
      return send(route.current, { headers: { Authorization: 'Bearer ' + s.token } });
    }, function () { return null; });
  });
  window.__early = {
    v: 1,
    kind: route.kind,
    id: id,
    lang: lang,
    session: session,
    current: current,
    // The code only when it is still needed: a failed sign-in keeps it in the form.
    code: session.then(function (r) { return r && r.ok ? null : code; }),
  };
})();
