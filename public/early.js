// The QR landing pages, started and painted with the page instead of after the wasm; and the
// other flows' chunks preloaded with the page (`CHUNKS` below).
//
// Why: a citizen arrives from the letter's QR code (`/anhoerung#az=…&code=…`,
// `/zahlen#kz=…&code=…`) on a phone. Without this script the sign-in waited for the whole wasm
// (seconds on slow 4G), then the case for the sign-in. Here the sign-in — whose answer carries
// the case / notice (one round trip) — runs while the wasm downloads, and the first screen of
// the case / notice is painted into the static shell as soon as it is there (`paint…` below),
// with the app's own markup and wording, so the app's later render looks the same.
//
// What it does, on those two paths only and only with both values in the fragment:
// 1. reads the pair and scrubs it from the address bar and history at once (replaceState);
// 2. sends the sign-in exactly as the app would;
// 3. paints the case's / notice's first screen (read-only: nothing to click before the app is
//    there) and marks the shell `data-early`, which hides the app's nodes (style/main.css) until
//    the app shows its page and removes the shell (src/dom.rs) — one swap, no flash of loading;
// 4. leaves the answers (Response objects) on `window.__early` for the app (src/early.rs). The
//    access code is handed back only if the sign-in did not succeed, so the app can keep it in
//    the form as before; nothing is written to any storage or log.
// Without it (script failed, another route, `trunk serve` without it) the app reads the
// fragment itself, as it always did. It also sets the static shell's heading for these routes
// on a static host (the bundled backend sends the right one already, town/shell.rs).
//
// Inlined into index.html's head by the build (a request of its own cost a round trip); the CSP
// allows it by its hash (crates/mock-backend/src/security.rs, scripts/csp.sh). It stands before
// the stylesheets, so it runs at once instead of after them (a script after a pending
// stylesheet waits for it): the sign-in leaves with the document. The shell it paints into is
// parsed by the time the answer is there (`whenParsed`).
//
// The wording below repeats src/hearing/case_page.rs, src/notice/page.rs and
// src/notice/text.rs for the first screen; end2end/early-paint.spec.ts checks, for every demo
// case and notice in both languages, that this paint and the app's page say the same. The
// texts are the catalogue's (src/i18n), copied by `UPDATE_EARLY_TEXTS=1 cargo test -p
// serviceportal early_texts` and checked by the same test.
(function () {
  'use strict';
  var ROUTES = {
    '/anhoerung': {
      kind: 'hearing', feature: 'hearing', id: 'az', idField: 'case_number', session: '/api/v1/hearings/session',
      item: 'case', paint: paintCase, heading: 'Online-Anhörung',
      lead: 'Sie haben einen Anhörungsbogen erhalten.',
    },
    '/zahlen': {
      kind: 'notice', feature: 'notices', id: 'kz', idField: 'kassenzeichen', session: '/api/v1/notices/session',
      item: 'notice', paint: paintNotice, heading: 'Bescheid bezahlen',
      lead: 'Sie haben einen Bescheid oder eine Zahlungsaufforderung erhalten.',
    },
  };
  // BEGIN TEXTS (generated from src/i18n by `UPDATE_EARLY_TEXTS=1 cargo test -p serviceportal early_texts`)
  var TEXTS = {"de":{"fee_amount":"Betrag","fee_item":"Position","fine":"Bußgeld","hearing_accusation_person":"Ihnen wird folgender Verstoß vorgeworfen:","hearing_accusation_witness":"Mit dem Fahrzeug {vehicle}, das auf Sie zugelassen ist, wurde folgender Verstoß begangen. Sie werden als Zeugin oder Zeuge befragt:","hearing_case_caption":"Aktenzeichen {case}","hearing_legal_basis":"Rechtsgrundlage","hearing_status_answered":"Beantwortet","hearing_status_deadline_passed":"Frist abgelaufen","hearing_status_open":"Offen","hearing_status_paid":"Bezahlt","hearing_tbnr":"Tatbestandsnummer","hearing_title_person":"Anhörung zu einer Ordnungswidrigkeit","hearing_title_witness":"Zeugenfragebogen","hearing_vehicle":"Kennzeichen","hearing_what_heading":"Der Vorwurf","hearing_when":"Wann","hearing_where":"Wo","loading":"Wird geladen …","notice_addressee":"Empfänger","notice_amount":"Betrag","notice_caption":"Kassenzeichen {kz}","notice_charge_dunning":"Mahngebühr für die Mahnung vom {date}","notice_charge_late_many":"Säumniszuschlag: 1 % von {base} für {months} angefangene Monate (§ 240 AO)","notice_charge_late_one":"Säumniszuschlag: 1 % von {base} für 1 angefangenen Monat (§ 240 AO)","notice_deferred_until":"gestundet bis {date}; Sie dürfen schon jetzt zahlen","notice_due_on":"fällig am {date}","notice_due_today":"heute fällig","notice_instalment":"Rate {number}","notice_issued_on":"Bescheid vom","notice_items_heading":"Beträge und Fälligkeiten","notice_office":"Absender","notice_open_total":"Noch offen, mit Zuschlägen","notice_overdue_day":"seit 1 Tag überfällig","notice_overdue_days":"seit {days} Tagen überfällig","notice_paid_on":"bezahlt am {date}","notice_partly_paid":"{paid} bezahlt, {open} offen","notice_pending":"Eine Zahlung läuft bereits (bis zu 90 Minuten).","warning_fine":"Verwarnungsgeld"},"en":{"fee_amount":"Amount","fee_item":"Item","fine":"Fine","hearing_accusation_person":"You are accused of the following offence:","hearing_accusation_witness":"The following offence was committed with the vehicle {vehicle}, which is registered to you. You are questioned as a witness:","hearing_case_caption":"Case number {case}","hearing_legal_basis":"Legal basis","hearing_status_answered":"Answered","hearing_status_deadline_passed":"Deadline passed","hearing_status_open":"Open","hearing_status_paid":"Paid","hearing_tbnr":"Offence code","hearing_title_person":"Hearing about an administrative offence","hearing_title_witness":"Witness questionnaire","hearing_vehicle":"Registration","hearing_what_heading":"The accusation","hearing_when":"When","hearing_where":"Where","loading":"Loading …","notice_addressee":"Addressee","notice_amount":"Amount","notice_caption":"Kassenzeichen {kz}","notice_charge_dunning":"Dunning fee for the reminder of {date}","notice_charge_late_many":"Late-payment charge: 1 % of {base} for {months} months started (§ 240 AO)","notice_charge_late_one":"Late-payment charge: 1 % of {base} for 1 month started (§ 240 AO)","notice_deferred_until":"deferred until {date}; you may pay early","notice_due_on":"due on {date}","notice_due_today":"due today","notice_instalment":"Instalment {number}","notice_issued_on":"Date of the notice","notice_items_heading":"Amounts and due dates","notice_office":"Issued by","notice_open_total":"Still open, with charges","notice_overdue_day":"1 day overdue","notice_overdue_days":"{days} days overdue","notice_paid_on":"paid on {date}","notice_partly_paid":"{paid} paid, {open} open","notice_pending":"A payment is already in progress (up to 90 minutes).","warning_fine":"Warning fine"}};
  // END TEXTS

  // A page whose code is a chunk of its own (src/lazy.rs, app.rs's routes): its files are
  // preloaded with the document, not fetched after the main wasm has started — on slow 4G that
  // is one round trip and the chunks' transfer earlier. scripts/build-split.sh writes the files
  // of each split here (`flow=file,file;…`); unfilled (`trunk serve`), nothing is preloaded.
  var CHUNKS = '@@ROUTE_CHUNKS@@';
  var FLOWS = [
    [/^\/(leistungen\/[^/]+|fortsetzen)(\/|$)/, 'wizard'], [/^\/kasse(\/|$)/, 'checkout'],
    [/^\/termin(\/|$)/, 'appointments'], [/^\/(konto|abgemeldet|anmeldung-fehlgeschlagen)(\/|$)/, 'account'],
    [/^\/girocode$/, 'girocode'], [/^\/(barrierefreiheit|leichte-sprache|impressum|datenschutz)$/, 'info'],
  ];
  FLOWS.some(function (f) {
    if (!f[0].test(location.pathname)) return false;
    CHUNKS.split(';').forEach(function (entry) {
      var kv = entry.split('=');
      if (kv[0] !== f[1] || !kv[1]) return;
      kv[1].split(',').forEach(function (file) {
        if (!/^[\w.-]+\.wasm$/.test(file)) return;
        // As the split loader fetches it (same origin, `cors`), so the preload is used.
        var link = document.createElement('link');
        link.rel = 'preload';
        link.as = 'fetch';
        link.type = 'application/wasm';
        link.crossOrigin = 'anonymous';
        link.href = '/' + file;
        document.head.appendChild(link);
      });
    });
    return true;
  });

  var route = ROUTES[location.pathname];
  if (!route) return;
  var shell = null;
  var main = null;

  // Runs `fn` once the document (and so the static shell) is parsed.
  function whenParsed(fn) {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fn);
    else fn();
  }

  // Static hosts: the shell's heading for this route (the backend already sent it) — unless
  // the case / notice is painted already (its answer can beat DOMContentLoaded).
  whenParsed(function () {
    var h1 = document.querySelector('#static-shell:not([data-early]) h1');
    if (h1 && h1.textContent !== route.heading) {
      h1.textContent = route.heading;
      var lead = document.querySelector('#static-shell .lead');
      if (lead) lead.textContent = route.lead;
      document.title = route.heading + ' – ' + document.title;
    }
  });

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
  var t = TEXTS[lang];

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
  // The case / notice that came with the sign-in, as the Response `GET …/current` would give.
  var current = session.then(function (r) {
    if (!r || !r.ok) return null;
    return r.clone().json().then(function (s) {
      var item = s && s[route.item];
      if (!item || typeof item !== 'object') return null;
      return new Promise(function (resolve) {
        whenParsed(function () {
          // Data it cannot word (a field it does not know): the shell stays, the app shows it.
          try { paint(route, item); } catch (e) { /* nothing painted */ }
          resolve(new Response(JSON.stringify(item), { status: 200, headers: { 'Content-Type': 'application/json' } }));
        });
      });
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

  // ---- The first screen, as the app renders it -------------------------------------------

  function paint(route, item) {
    shell = document.getElementById('static-shell');
    main = shell && shell.querySelector('main');
    if (!main || !t) return;
    var nodes = route.paint(item);
    var loading = el('p', { class: 'loading' }, t.loading);
    // Only the heading, lead and loading line of the shell go; the noscript note stays.
    Array.prototype.slice.call(main.children).forEach(function (c) {
      if (c.tagName !== 'NOSCRIPT') main.removeChild(c);
    });
    var noscript = main.querySelector('noscript');
    nodes.concat([loading]).forEach(function (n) { main.insertBefore(n, noscript); });
    if (lang !== 'de') document.documentElement.lang = lang;
    shell.setAttribute('data-early', route.kind);
  }

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    (Array.isArray(children) ? children : [children]).forEach(function (c) {
      if (c === null || c === undefined) return;
      e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return e;
  }

  // src/i18n/mod.rs `fill`: `{name}` replaced by its value, other braces kept.
  function fill(template, values) {
    return template.replace(/\{([a-z_]+)\}/g, function (m, k) {
      return Object.prototype.hasOwnProperty.call(values, k) ? String(values[k]) : m;
    });
  }

  // src/components/codes.rs `TextWithCodes`: words with a digit kept whole.
  function withCodes(text) {
    var out = [];
    var plain = '';
    text.split(' ').forEach(function (word, i) {
      var sep = i > 0 ? ' ' : '';
      if (/[0-9]/.test(word)) {
        out.push(plain + sep);
        plain = '';
        out.push(el('span', { class: 'nowrap' }, word));
      } else {
        plain += sep + word;
      }
    });
    if (plain) out.push(plain);
    return out.filter(function (x) { return x !== ''; });
  }

  function pad(n, w) { n = String(n); while (n.length < w) n = '0' + n; return n; }

  // crates/domain/src/date.rs `Date::format`: 21.11.2026 / 21/11/2026.
  function date(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
    if (!m) throw new Error('date');
    return lang === 'de' ? m[3] + '.' + m[2] + '.' + m[1] : m[3] + '/' + m[2] + '/' + m[1];
  }

  // crates/domain/src/money.rs `Cents::format`: 1.234,50 € / €1,234.50.
  function money(cents) {
    if (typeof cents !== 'number' || !isFinite(cents)) throw new Error('amount');
    var abs = Math.abs(Math.round(cents));
    var euros = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'de' ? '.' : ',');
    var sign = cents < 0 ? '-' : '';
    // A literal no-break space, not an escape: the build's minifier wrote `\u00a0` as text.
    return lang === 'de' ? sign + euros + ',' + pad(abs % 100, 2) + ' €' : sign + '€' + euros + '.' + pad(abs % 100, 2);
  }

  function text(v) { return v && typeof v === 'object' ? String(v[lang] || '') : ''; }

  function row(label, value) {
    return el('div', { class: 'summary-row' }, [el('dt', {}, label), el('dd', { class: 'summary-value' }, value)]);
  }

  function caption(s) {
    return el('p', { class: 'step-progress' }, el('span', { class: 'caption' }, withCodes(s)));
  }

  // src/hearing/case_page.rs, down to the summary list's fixed rows (its date rows and all
  // below follow with the app).
  function paintCase(c) {
    var o = c.offence;
    var witness = c.role === 'keeper_witness';
    var status = {
      open: [t.hearing_status_open, 'tag'],
      answered: [t.hearing_status_answered, 'tag'],
      paid: [t.hearing_status_paid, 'tag tag-green'],
      deadline_passed: [t.hearing_status_deadline_passed, 'tag tag-red'],
    }[c.status];
    var kind = { warning_fine: t.warning_fine, fine: t.fine }[c.kind];
    if (!o || !status || !kind) throw new Error('case');
    var time = lang === 'de' ? o.time + ' Uhr' : o.time;
    return [
      caption(fill(t.hearing_case_caption, { case: c.case_number })),
      el('h1', {}, witness ? t.hearing_title_witness : t.hearing_title_person),
      el('p', {}, el('strong', { class: status[1] }, status[0])),
      el('h2', {}, t.hearing_what_heading),
      el('p', { class: 'lead' }, witness ? fill(t.hearing_accusation_witness, { vehicle: o.vehicle_registration }) : t.hearing_accusation_person),
      el('p', { class: 'accusation' }, text(o.tbnr_text)),
      el('dl', { class: 'summary-list' }, [
        row(t.hearing_when, date(o.date) + ', ' + time),
        row(t.hearing_where, o.place),
        row(t.hearing_vehicle, o.vehicle_registration),
        row(t.hearing_tbnr, o.tbnr),
        row(t.hearing_legal_basis, o.legal_basis),
        row(kind, el('strong', {}, money(c.amount))),
      ]),
    ];
  }

  // src/notice/text.rs `instalment_wording`.
  function wording(i, single) {
    var when;
    var cls = 'tag';
    if (i.status === 'paid') {
      when = fill(t.notice_paid_on, { date: i.paid_on ? date(i.paid_on) : '' });
      cls = 'tag tag-green';
    } else if (i.status === 'deferred') {
      when = fill(t.notice_deferred_until, { date: i.deferred_until ? date(i.deferred_until) : '' });
    } else if (i.days_overdue === 1) {
      when = t.notice_overdue_day;
      cls = 'tag tag-red';
    } else if (i.days_overdue > 1) {
      when = fill(t.notice_overdue_days, { days: i.days_overdue });
      cls = 'tag tag-red';
    } else if (i.due_now) {
      when = t.notice_due_today;
    } else {
      when = fill(t.notice_due_on, { date: date(i.deferred_until || i.due_on) });
    }
    return {
      what: single ? t.notice_amount : fill(t.notice_instalment, { number: i.id }),
      when: when,
      cls: cls,
      partly: i.status === 'partly_paid' ? fill(t.notice_partly_paid, { paid: money(i.paid), open: money(i.open) }) : null,
      charges: (i.charges || []).map(function (ch) {
        var reason;
        if (ch.kind === 'late_payment') {
          var months = ch.months || 1;
          var base = typeof ch.base === 'number' ? money(ch.base) : '';
          reason = months === 1 ? fill(t.notice_charge_late_one, { base: base }) : fill(t.notice_charge_late_many, { base: base, months: months });
        } else if (ch.kind === 'dunning_fee') {
          reason = fill(t.notice_charge_dunning, { date: ch.reminded_on ? date(ch.reminded_on) : '' });
        } else {
          throw new Error('charge');
        }
        return [reason, money(ch.amount)];
      }),
    };
  }

  // src/notice/page.rs `NoticeView`, down to the table of amounts (the choice and all below
  // follow with the app).
  function paintNotice(n) {
    var items = n.instalments;
    if (!Array.isArray(items)) throw new Error('notice');
    var single = items.length === 1;
    var rows = [];
    items.forEach(function (i) {
      var w = wording(i, single);
      var head = [w.what, ' ', el('span', { class: w.cls }, w.when)];
      if (w.partly) head.push(el('p', { class: 'item-note' }, w.partly));
      if (i.payment_pending) head.push(el('p', { class: 'item-note' }, t.notice_pending));
      rows.push(el('tr', {}, [
        el('th', { scope: 'row' }, head),
        el('td', { class: 'num' }, money(i.status === 'paid' ? i.amount : i.open)),
      ]));
      w.charges.forEach(function (c) {
        rows.push(el('tr', { class: 'charge-row' }, [el('td', {}, c[0]), el('td', { class: 'num' }, c[1])]));
      });
    });
    return [
      caption(fill(t.notice_caption, { kz: n.kassenzeichen })),
      el('h1', {}, text(n.subject)),
      el('dl', { class: 'summary-list' }, [
        row(t.notice_office, text(n.office)),
        row(t.notice_issued_on, date(n.issued_on)),
        row(t.notice_addressee, n.addressee),
      ]),
      el('h2', {}, t.notice_items_heading),
      el('table', { class: 'fee-table notice-items' }, [
        el('caption', { class: 'visually-hidden' }, t.notice_items_heading),
        el('thead', {}, el('tr', {}, [
          el('th', { scope: 'col' }, t.fee_item),
          el('th', { scope: 'col', class: 'num' }, t.fee_amount),
        ])),
        el('tbody', {}, rows),
        el('tfoot', {}, el('tr', {}, [
          el('th', { scope: 'row' }, t.notice_open_total),
          el('td', { class: 'num' }, el('strong', {}, money(n.open_total))),
        ])),
      ]),
    ];
  }
})();
