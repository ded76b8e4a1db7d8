// TQC operator console. Every network call goes to this relay only (CSP connect-src 'self'): the
// session endpoints /console/session and the admin API /v1/admin/... with the session cookie and,
// on every state change, the CSRF token in X-TQC-CSRF. Text from the relay is set with textContent,
// never as HTML.
'use strict';
(function () {
  const MESSAGES = {
    ko: {
      title: 'TQC 운영 콘솔', logout: '로그아웃', 'login.title': '운영자 로그인', 'login.name': '운영자 이름',
      'login.password': '비밀번호', 'login.submit': '로그인', 'nav.dashboard': '대시보드', 'nav.resellers': '재판매사',
      'nav.reports': '신고·역추적', 'nav.cases': '사건·제재', 'nav.evidence': '증거',
      'dash.hour': '최근 1시간 분당 배치 (수락/거부)', 'dash.day': '최근 24시간 분당 배치', 'dash.reasons': '거부 사유',
      'dash.accepted': '수락 배치', 'dash.refused': '거부 배치', 'dash.tokens': '발급 토큰', 'dash.subscribers': '상태 구독',
      'dash.resellers': '재판매사', 'col.code': '사유 코드', 'col.count': '건수', 'col.name': '이름', 'col.status': '상태',
      'col.origin': '식별코드', 'col.senders': '발신번호', 'col.event': '변경', 'col.actor': '처리자', 'col.at': '시각',
      'col.reason': '사유', 'col.rank': '순위', 'col.batch': '배치', 'col.index': '메시지', 'col.reseller': '재판매사 ID',
      'col.accepted': '수락 시각', 'col.proof': '증명', 'col.state': '상태', search: '검색',
      'resellers.query': 'ID, 이름, 최초 발신자 식별코드, 발신번호', reason: '사유', suspend: '정지', reinstate: '복구',
      revoke: '취소(폐지)', confirm: '확인', cancel: '취소', history: '이력 (누가, 언제, 왜)', open: '열기',
      'report.received': '수신 시각', 'report.recipient': '수신 번호', 'report.sender': '발신 번호', 'report.source': '출처',
      'report.reference': '접수 번호', 'report.text': '문자 내용', 'report.submit': '신고 접수', 'report.trace': '역추적만',
      'report.csv': 'CSV 업로드', upload: '업로드', 'report.rank': '일치', 'report.openCase': '사건 보기',
      'cases.id': '사건 ID', 'cases.confirm': '확정', 'cases.dismiss': '기각', 'cases.sanction': '제재 적용',
      'cases.timeline': '경과', 'cases.reports': '신고', 'evidence.export': '내보내기', 'evidence.download': '번들 내려받기',
      'evidence.upload': '번들 검증', 'evidence.verify': '검증',
      reasonRequired: '사유를 입력하세요.', confirmChange: '{id}을(를) {action}합니다. 사유: {reason}',
      done: '처리되었습니다: {what}', found: '{n}건', caseLink: '사건 {id} ({state})', viewerRole: '조회 전용',
      operatorRole: '운영자', sessionExpired: '세션이 만료되었습니다. 다시 로그인하세요.',
      verified: '검증 성공: 기록 {records}건, 체크포인트 {checkpoints}개', notVerified: '검증 실패: {n}건 — 첫 실패 {line}행 {part}: {problem}',
      exported: '번들 {lines}행 ({bytes}바이트)', sanctioned: '제재 적용: {kind} (단계 {step}){ends}', until: ', 종료 {at}',
      noMatch: '일치하는 배치 없음', none: '없음', keys: '키', quota: '일일 할당량', registered: '등록', expires: '인증 만료',
      'nav.lists': '수신거부·목록', 'dash.nearQuota': '할당량에 가까운 재판매사 (일일 한도의 80% 이상)', 'col.used': '오늘 사용',
      'col.perDay': '일일 한도', 'col.share': '비율', 'dash.openCases': '열린 사건', 'dash.feedLag': '상태 피드 지연',
      'dash.auditCommit': '감사 커밋 시간', 'batches.title': '최근 배치',
      'refusals.title': '최근 거부된 배치 (이 노드의 메모리에만, 재시작 시 사라짐)', 'col.messages': '메시지 수', 'col.outcome': '결과',
      'col.node': '노드', more: '더 보기', 'cases.any': '전체', 'col.reports': '신고', 'col.opened': '접수', 'col.updated': '갱신',
      'sanction.kind': '제재', 'sanction.ladder': '사다리 제안대로', 'sanction.warning': '경고', 'sanction.suspension': '기간 정지',
      'sanction.revocation': '취소(폐지)', 'sanction.days': '정지 일수', proposal: '사다리 제안: {step}단계 {kind}{ends}',
      proposalDays: ' ({days}일)', overrideReason: '사다리와 다른 제재에는 사유가 필요합니다.', caseCounts: '열림 {open} · 확정 {confirmed} · 제재 {sanctioned} · 기각 {dismissed}',
      'lists.off': '이 중계 서버는 수신자 보호(수신거부·발신번호 목록)를 켜지 않았습니다.', 'lists.sender': '발신번호 목록 (현재 판)',
      'lists.list': '목록', 'lists.version': '판', 'lists.published': '공개', 'lists.imported': '반영', 'lists.numbers': '번호 수',
      'lists.refused': '거부 줄', 'lists.blocklist': 'URL 차단 목록', 'lists.entries': '항목 수', 'lists.optout': '수신거부 등록',
      'lists.advertiser': '광고주', 'lists.add': '등록', 'lists.optOuts': '수신거부 번호', 'lists.listCount': '발신번호 목록',
      imported: '반영: 추가 {added}, 이미 있음 {already}, 거부 줄 {refused}', listImported: '{list} {version} 반영: 번호 {numbers}, 거부 줄 {refused}',
      notMeasured: '최근 1분 없음', oneNode: '없음 (단일 노드)', meanMax: '평균 {mean} · 최대 {max} ({n}회/1분)'
    },
    en: {
      title: 'TQC operator console', logout: 'Log out', 'login.title': 'Operator login', 'login.name': 'Operator name',
      'login.password': 'Password', 'login.submit': 'Log in', 'nav.dashboard': 'Dashboard', 'nav.resellers': 'Resellers',
      'nav.reports': 'Reports & traceback', 'nav.cases': 'Cases & sanctions', 'nav.evidence': 'Evidence',
      'dash.hour': 'Batches per minute, last hour (accepted/refused)', 'dash.day': 'Batches per minute, last 24 hours',
      'dash.reasons': 'Refusals by reason', 'dash.accepted': 'Accepted batches', 'dash.refused': 'Refused batches',
      'dash.tokens': 'Tokens issued', 'dash.subscribers': 'Status subscribers', 'dash.resellers': 'Resellers',
      'col.code': 'Reason code', 'col.count': 'Count', 'col.name': 'Name', 'col.status': 'Status', 'col.origin': 'Origin code',
      'col.senders': 'Sender numbers', 'col.event': 'Change', 'col.actor': 'By', 'col.at': 'At', 'col.reason': 'Reason',
      'col.rank': 'Rank', 'col.batch': 'Batch', 'col.index': 'Message', 'col.reseller': 'Reseller id',
      'col.accepted': 'Accepted at', 'col.proof': 'Proof', 'col.state': 'State', search: 'Search',
      'resellers.query': 'id, name, origin code, sender number', reason: 'Reason', suspend: 'Suspend',
      reinstate: 'Reinstate', revoke: 'Revoke', confirm: 'Confirm', cancel: 'Cancel', history: 'History (who, when, why)',
      open: 'Open', 'report.received': 'Received at', 'report.recipient': 'Recipient', 'report.sender': 'Sender number',
      'report.source': 'Source', 'report.reference': 'Reference', 'report.text': 'Message text',
      'report.submit': 'Submit report', 'report.trace': 'Traceback only', 'report.csv': 'CSV upload', upload: 'Upload',
      'report.rank': 'Match', 'report.openCase': 'Open case', 'cases.id': 'Case id', 'cases.confirm': 'Confirm',
      'cases.dismiss': 'Dismiss', 'cases.sanction': 'Apply sanction', 'cases.timeline': 'Timeline',
      'cases.reports': 'Reports', 'evidence.export': 'Export', 'evidence.download': 'Download bundle',
      'evidence.upload': 'Verify a bundle', 'evidence.verify': 'Verify',
      reasonRequired: 'Enter a reason.', confirmChange: '{action} {id}? Reason: {reason}', done: 'Done: {what}',
      found: '{n} found', caseLink: 'case {id} ({state})', viewerRole: 'viewer', operatorRole: 'operator',
      sessionExpired: 'Your session expired. Log in again.',
      verified: 'Verified: {records} records, {checkpoints} checkpoints', notVerified: 'Not verified: {n} failures — first at line {line} {part}: {problem}',
      exported: 'Bundle of {lines} lines ({bytes} bytes)', sanctioned: 'Sanction applied: {kind} (step {step}){ends}',
      until: ', ends {at}', noMatch: 'no matching batch', none: 'none', keys: 'Keys', quota: 'Daily quota',
      registered: 'Registered', expires: 'Certification expires',
      'nav.lists': 'Opt-outs & lists', 'dash.nearQuota': 'Resellers near their quota (80 % or more of the daily limit)',
      'col.used': 'Used today', 'col.perDay': 'Daily limit', 'col.share': 'Share', 'dash.openCases': 'Open cases',
      'dash.feedLag': 'Status-feed lag', 'dash.auditCommit': 'Audit commit time', 'batches.title': 'Recent batches',
      'refusals.title': 'Recently refused batches (in this node\'s memory only, gone on restart)',
      'col.messages': 'Messages', 'col.outcome': 'Outcome', 'col.node': 'Node', more: 'More', 'cases.any': 'any',
      'col.reports': 'Reports', 'col.opened': 'Opened', 'col.updated': 'Updated', 'sanction.kind': 'Sanction',
      'sanction.ladder': "as the ladder proposes", 'sanction.warning': 'warning', 'sanction.suspension': 'timed suspension',
      'sanction.revocation': 'revocation', 'sanction.days': 'Suspension days', proposal: 'Ladder proposes: step {step}, {kind}{ends}',
      proposalDays: ' ({days} days)', overrideReason: 'A sanction other than the ladder\'s needs a reason.',
      caseCounts: 'open {open} · confirmed {confirmed} · sanctioned {sanctioned} · dismissed {dismissed}',
      'lists.off': 'Recipient protection (opt-outs, sender-number lists) is off on this relay.',
      'lists.sender': 'Sender-number lists (versions in force)', 'lists.list': 'List', 'lists.version': 'Version',
      'lists.published': 'Published', 'lists.imported': 'Imported', 'lists.numbers': 'Numbers', 'lists.refused': 'Refused lines',
      'lists.blocklist': 'URL blocklist', 'lists.entries': 'Entries', 'lists.optout': 'Record an opt-out',
      'lists.advertiser': 'Advertiser', 'lists.add': 'Add', 'lists.optOuts': 'Opted-out numbers', 'lists.listCount': 'Sender-number lists',
      imported: 'Imported: {added} added, {already} already there, {refused} lines refused',
      listImported: '{list} {version} imported: {numbers} numbers, {refused} lines refused', notMeasured: 'none in the last minute', oneNode: 'none (one node)', meanMax: 'mean {mean} · max {max} ({n} in 1 min)'
    }
  };
  const state = { lang: localStorage.getItem('tqc.lang') || 'ko', csrf: null, role: null, reseller: null, caseId: null,
    bundle: null, pending: null, charts: [], drawn: {} };
  const $ = (id) => document.getElementById(id);

  function t(key, args) {
    let text = (MESSAGES[state.lang] && MESSAGES[state.lang][key]) || MESSAGES.ko[key] || key;
    for (const [k, v] of Object.entries(args || {})) text = text.split('{' + k + '}').join(String(v));
    return text;
  }

  function applyLanguage() {
    document.documentElement.lang = state.lang;
    document.querySelectorAll('[data-i18n]').forEach((e) => { e.textContent = t(e.dataset.i18n); });
    document.querySelectorAll('[data-i18n-placeholder]').forEach((e) => { e.placeholder = t(e.dataset.i18nPlaceholder); });
    document.title = t('title');
    $('lang-toggle').textContent = state.lang === 'ko' ? 'English' : '한국어';
  }

  function notice(text, ok) {
    const n = $('notice');
    n.textContent = text;
    n.className = ok ? 'ok' : 'error';
    n.hidden = false;
  }

  function problemText(p) {
    return (p.title || 'error') + (p.code ? ' [' + p.code + ']' : '') + (p.detail ? ': ' + p.detail : '');
  }

  async function api(method, path, body, contentType) {
    const headers = {};
    if (method !== 'GET') headers['X-TQC-CSRF'] = state.csrf || '';
    let payload;
    if (body !== undefined) {
      if (typeof body === 'string' || body instanceof Blob) {
        payload = body;
        headers['Content-Type'] = contentType || 'text/plain; charset=utf-8';
      } else {
        payload = JSON.stringify(body);
        headers['Content-Type'] = 'application/json';
      }
    }
    const response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
    const type = response.headers.get('Content-Type') || '';
    const isJson = /^application\/(problem\+)?json(;|$)/.test(type); // not application/jsonl (evidence)
    if (!response.ok) {
      const problem = isJson ? await response.json() : { status: response.status, detail: response.statusText };
      if (response.status === 401 && path !== '/console/session' && /session/.test(problem.detail || '')) {
        showLogin(t('sessionExpired'));
      }
      throw problem;
    }
    if (response.status === 204) return null;
    return isJson ? response.json() : response.text();
  }

  async function guarded(fn) {
    try {
      await fn();
    } catch (p) {
      notice(p && p.code ? problemText(p) : String(p && p.message || p), false);
    }
  }

  function row(tbody, cells) {
    const tr = document.createElement('tr');
    for (const c of cells) {
      const td = document.createElement('td');
      if (c instanceof Node) td.appendChild(c); else td.textContent = c == null ? '' : String(c);
      tr.appendChild(td);
    }
    tbody.appendChild(tr);
    return tr;
  }

  function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); return e; }

  function button(text, onClick, cls) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    if (cls) b.className = cls;
    b.addEventListener('click', onClick);
    return b;
  }

  // ---- Session ----

  function showLogin(message) {
    state.csrf = null;
    $('app').hidden = true;
    $('logout').hidden = true;
    $('whoami').textContent = '';
    $('login').hidden = false;
    $('login-error').textContent = message || '';
  }

  function showApp(session) {
    state.csrf = session.csrf_token;
    state.role = session.role;
    $('whoami').textContent = session.operator + ' (' + t(session.role === 'operator' ? 'operatorRole' : 'viewerRole') + ')';
    $('login').hidden = true;
    $('app').hidden = false;
    $('logout').hidden = false;
    document.body.dataset.role = session.role;
    screen(location.hash.replace('#', '') || 'dashboard');
  }

  $('login-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const session = await api('POST', '/console/session', { name: $('login-name').value, password: $('login-password').value });
      $('login-password').value = '';
      $('notice').hidden = true;
      showApp(session);
    } catch (p) {
      $('login-error').textContent = p && p.code ? problemText(p) : String(p);
    }
  });

  $('logout').addEventListener('click', () => guarded(async () => {
    await api('DELETE', '/console/session');
    showLogin('');
  }));

  $('lang-toggle').addEventListener('click', () => {
    state.lang = state.lang === 'ko' ? 'en' : 'ko';
    localStorage.setItem('tqc.lang', state.lang);
    applyLanguage();
    if (!$('app').hidden && state.role) {
      $('whoami').textContent = $('whoami').textContent.replace(/\(.*\)/, '(' + t(state.role === 'operator' ? 'operatorRole' : 'viewerRole') + ')');
      const current = document.querySelector('nav button[aria-current="page"]');
      if (current && current.dataset.screen !== 'dashboard') guarded(() => redraw(current.dataset.screen));
    }
  });

  // ---- Screens ----

  function screen(name) {
    if (!$('screen-' + name)) name = 'dashboard';
    $('notice').hidden = true; // a message belongs to the screen it was shown on
    document.querySelectorAll('.screen').forEach((s) => { s.hidden = s.id !== 'screen-' + name; });
    document.querySelectorAll('nav button').forEach((b) => {
      if (b.dataset.screen === name) b.setAttribute('aria-current', 'page'); else b.removeAttribute('aria-current');
    });
    if (location.hash !== '#' + name) history.replaceState(null, '', '#' + name);
    if (name === 'dashboard') guarded(loadDashboard);
    if (name === 'resellers' && !$('reseller-results').tBodies[0].rows.length) guarded(() => search(''));
    else if (name !== 'dashboard' && name !== 'lists' && state.drawn[name] && state.drawn[name] !== state.lang) guarded(() => redraw(name));
    state.drawn[name] = state.lang;
    if (name === 'cases' && !$('case-list').tBodies[0].rows.length) guarded(loadCases);
    if (name === 'lists') guarded(loadLists);
  }
  document.querySelectorAll('nav button').forEach((b) => b.addEventListener('click', () => screen(b.dataset.screen)));

  // Text the page wrote from the relay's data is in the language of the moment: draw a screen again
  // after the language changed.
  async function redraw(name) {
    state.drawn[name] = state.lang;
    if (name === 'resellers') {
      await search($('reseller-query').value);
      if (state.reseller) await openReseller(state.reseller.reseller_id);
    } else if (name === 'cases') {
      if ($('case-list').tBodies[0].rows.length) await loadCases();
      if (state.caseId && !$('case-view').hidden) await openCase(state.caseId);
    } else if (name === 'lists') {
      await loadLists();
    }
  }

  // ---- Dashboard ----

  async function loadDashboard() {
    const [o, r] = await Promise.all([api('GET', '/v1/admin/overview'), api('GET', '/v1/admin/resellers?q=&limit=1')]);
    const cards = clear($('dash-totals'));
    const card = (label, value) => {
      const d = document.createElement('div');
      d.className = 'card';
      const b = document.createElement('b');
      b.textContent = value;
      d.append(b, document.createTextNode(label));
      cards.appendChild(d);
    };
    card(t('dash.accepted'), o.accepted_batches);
    card(t('dash.refused'), o.refused_batches);
    card(t('dash.tokens'), o.tokens_issued);
    card(t('dash.subscribers'), o.status_subscribers);
    card(t('dash.resellers'), Object.entries(r.by_status).map(([k, v]) => k + ' ' + v).join(' · ') || '0');
    const body = clear($('dash-reasons').tBodies[0]);
    const reasons = Object.entries(o.refused_by_reason).sort((a, b) => b[1] - a[1]);
    for (const [code, n] of reasons) row(body, [code, n]);
    if (!reasons.length) row(body, [t('none'), 0]);
    const health = clear($('dash-health'));
    const healthCard = (label, value, id) => {
      const d = document.createElement('div');
      d.className = 'card';
      d.id = id;
      const b = document.createElement('b');
      b.textContent = value;
      d.append(b, document.createTextNode(label));
      health.appendChild(d);
    };
    healthCard(t('dash.openCases'), o.open_cases == null ? '-' : o.open_cases, 'card-open-cases');
    healthCard(t('dash.feedLag'), o.registry_feed_lag_ms == null ? t('oneNode') : ms(o.registry_feed_lag_ms), 'card-feed-lag');
    healthCard(t('dash.auditCommit'), timing(o.audit_commit), 'card-audit-commit');
    const near = clear($('dash-near-quota').tBodies[0]);
    for (const q of o.near_quota || []) {
      row(near, [q.reseller_id, q.name, q.used_today, q.per_day, Math.round(q.share * 100) + ' %']).dataset.id = q.reseller_id;
    }
    if (!(o.near_quota || []).length) row(near, [t('none')]);
    drawChart('chart-hour', o.last_hour);
    drawChart('chart-day', o.last_day);
  }

  function ms(v) {
    return (v < 10 ? v.toFixed(2) : String(Math.round(v))) + ' ms';
  }

  // A timing summary of the overview (mean and max over the last minute), or 'not measured'.
  function timing(m) {
    if (!m) return '-';
    if (!m.recent_count) return t('notMeasured');
    return t('meanMax', { mean: ms(m.mean_ms), max: ms(m.max_ms), n: m.recent_count });
  }

  function drawChart(id, series) {
    const host = clear($(id));
    if (typeof uPlot === 'undefined') return;
    const width = Math.max(400, host.clientWidth || 900);
    const chart = new uPlot({
      width, height: 200,
      series: [{}, { label: t('dash.accepted'), stroke: '#1b7a3a', width: 2 }, { label: t('dash.refused'), stroke: '#b00020', width: 2 }],
      axes: [{}, {}]
    }, [series.minute_starts, series.accepted, series.refused], host);
    state.charts.push(chart);
  }

  // ---- Resellers ----

  async function search(query) {
    const result = await api('GET', '/v1/admin/resellers?q=' + encodeURIComponent(query));
    $('reseller-total').textContent = t('found', { n: result.total });
    const body = clear($('reseller-results').tBodies[0]);
    for (const r of result.resellers) {
      const status = document.createElement('span');
      status.className = 'status ' + r.status;
      status.textContent = r.status;
      row(body, [r.reseller_id, r.name, status, r.origin_code, r.sender_numbers.join(', '),
        button(t('open'), () => guarded(() => openReseller(r.reseller_id)), 'open-reseller')]).dataset.id = r.reseller_id;
    }
  }

  $('reseller-search-form').addEventListener('submit', (e) => { e.preventDefault(); guarded(() => search($('reseller-query').value)); });

  async function openReseller(id) {
    const r = await api('GET', '/v1/admin/resellers/' + encodeURIComponent(id));
    const [cases, sanctions, quota] = await Promise.all([
      api('GET', '/v1/admin/resellers/' + encodeURIComponent(id) + '/cases').catch(() => ({ cases: [] })),
      api('GET', '/v1/admin/resellers/' + encodeURIComponent(id) + '/sanctions').catch(() => ({ sanctions: [] })),
      api('GET', '/v1/admin/quotas/reseller/' + encodeURIComponent(id)).catch(() => null)]);
    state.reseller = r;
    $('reseller-detail').hidden = false;
    $('detail-name').textContent = r.name;
    $('detail-id').textContent = r.reseller_id;
    $('detail-status').textContent = r.status;
    $('detail-status').className = 'status ' + r.status;
    $('detail-status-reason').textContent = r.status_reason || '';
    const facts = clear($('detail-facts'));
    const fact = (k, v) => {
      const dt = document.createElement('dt');
      dt.textContent = k;
      const dd = document.createElement('dd');
      dd.textContent = v;
      facts.append(dt, dd);
    };
    fact(t('col.origin'), r.origin_code);
    fact(t('col.senders'), r.sender_numbers.join(', '));
    fact(t('keys'), r.keys.map((k) => k.thumbprint).join(', '));
    fact(t('registered'), r.registered_at);
    fact(t('expires'), r.cert_expires_at);
    if (quota) fact(t('quota'), (quota.per_day == null ? '-' : quota.per_day) + ' / ' + quota.used_today);
    const body = clear($('detail-history').tBodies[0]);
    for (const h of r.history) row(body, [h.seq, h.event, h.status, h.actor, h.at, h.reason]);
    const caseList = clear($('detail-cases'));
    for (const c of cases.cases) {
      const li = document.createElement('li');
      li.appendChild(button(t('caseLink', { id: c.case_id, state: c.state }), () => guarded(() => openCase(c.case_id))));
      caseList.appendChild(li);
    }
    const sanctionList = clear($('detail-sanctions'));
    for (const s of sanctions.sanctions) {
      const li = document.createElement('li');
      li.textContent = s.kind + ' #' + s.step + ' ' + s.imposed_at + (s.ends_at ? ' → ' + s.ends_at : '') + ' (' + s.actor + ')';
      sanctionList.appendChild(li);
    }
    $('evidence-reseller').value = r.reseller_id;
    clear($('detail-batches').tBodies[0]);
    await loadBatches(r.reseller_id, null);
    await loadRefusals(r.reseller_id);
  }

  async function loadRefusals(id) {
    const page = await api('GET', '/v1/admin/resellers/' + encodeURIComponent(id) + '/batches?outcome=refused&limit=50');
    const body = clear($('detail-refusals').tBodies[0]);
    for (const b of page.batches) row(body, [b.batch_id, b.refused_at, b.messages, b.reason, b.node]);
    if (!page.batches.length) row(body, [t('none')]);
  }

  async function loadBatches(id, before) {
    const page = await api('GET', '/v1/admin/resellers/' + encodeURIComponent(id) + '/batches?limit=20'
      + (before ? '&before=' + encodeURIComponent(before) : ''));
    const body = $('detail-batches').tBodies[0];
    for (const b of page.batches) row(body, [b.batch_id, b.accepted_at, b.messages, b.outcome, b.node]);
    if (!before && !page.batches.length) row(body, [t('none')]);
    state.batchesNext = page.next_before;
    $('batches-more').hidden = !page.next_before;
  }
  $('batches-more').addEventListener('click', () => guarded(() => loadBatches(state.reseller.reseller_id, state.batchesNext)));

  function askChange(action) {
    const reason = $('action-reason').value.trim();
    if (!reason) {
      notice(t('reasonRequired'), false);
      $('action-reason').focus();
      return;
    }
    state.pending = { action, reason, id: state.reseller.reseller_id };
    $('confirm-text').textContent = t('confirmChange', { id: state.pending.id, action: t(action), reason });
    $('confirm-box').hidden = false;
  }
  ['suspend', 'reinstate', 'revoke'].forEach((a) => $('do-' + a).addEventListener('click', () => askChange(a)));
  $('confirm-no').addEventListener('click', () => { state.pending = null; $('confirm-box').hidden = true; });
  $('confirm-yes').addEventListener('click', () => guarded(async () => {
    const p = state.pending;
    $('confirm-box').hidden = true;
    state.pending = null;
    if (!p) return;
    await api('POST', '/v1/admin/resellers/' + encodeURIComponent(p.id) + '/' + p.action, { reason: p.reason });
    $('action-reason').value = '';
    notice(t('done', { what: t(p.action) + ' ' + p.id }), true);
    await openReseller(p.id);
  }));

  // ---- Reports and traceback ----

  function nowRfc3339() {
    const d = new Date(Date.now() + 9 * 3600 * 1000);
    return d.toISOString().replace(/\.\d+Z$/, '+09:00');
  }

  function reportBody() {
    const body = { received_at: $('report-received').value, recipient: $('report-recipient').value,
      text: $('report-text').value, source: $('report-source').value };
    if ($('report-sender').value) body.sender_number = $('report-sender').value;
    if ($('report-reference').value) body.reference = $('report-reference').value;
    return body;
  }

  function showTraceback(result) {
    $('report-result').hidden = false;
    $('report-rank').textContent = result.rank;
    const body = clear($('traceback-matches').tBodies[0]);
    for (const m of result.matches) {
      const proof = document.createElement('code');
      proof.textContent = m.proof ? m.proof.slice(0, 24) + '…' : '';
      proof.title = m.proof || '';
      row(body, [m.rank, m.batch_id, m.message_index, m.reseller_id, m.origin_code, m.accepted_at, proof]);
    }
    if (!result.matches.length) row(body, [t('noMatch')]);
    state.caseId = result.case_id || null;
    $('report-case').textContent = result.case_id ? t('caseLink', { id: result.case_id, state: result.case_opened ? 'opened' : 'joined' }) : '';
    $('open-case').hidden = !result.case_id;
  }

  $('report-received').value = nowRfc3339();
  $('report-form').addEventListener('submit', (e) => {
    e.preventDefault();
    guarded(async () => showTraceback(await api('POST', '/v1/admin/reports', reportBody())));
  });
  $('traceback-only').addEventListener('click', () => guarded(async () => {
    const body = reportBody();
    delete body.reference;
    showTraceback(await api('POST', '/v1/admin/traceback', body));
  }));
  $('report-csv-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const file = $('report-csv').files[0];
    if (!file) return;
    guarded(async () => {
      const result = await api('POST', '/v1/admin/reports/csv', await file.text(), 'text/csv; charset=utf-8');
      $('csv-result').hidden = false;
      $('csv-result').textContent = JSON.stringify(result, null, 2);
    });
  });
  $('open-case').addEventListener('click', () => guarded(() => openCase(state.caseId)));

  // ---- Cases and sanctions ----

  async function openCase(id) {
    const c = await api('GET', '/v1/admin/cases/' + encodeURIComponent(id));
    state.caseId = c.case_id;
    screen('cases');
    $('case-id').value = c.case_id;
    $('case-view').hidden = false;
    $('case-title').textContent = c.case_id + ' · ' + c.reseller_id;
    $('case-state').textContent = c.state;
    $('case-state').className = 'status ' + c.state;
    $('case-facts').textContent = c.report_count + ' · ' + c.opened_at;
    const h = clear($('case-history').tBodies[0]);
    for (const e of c.history) row(h, [e.seq, e.action, e.state, e.actor, e.at, e.reason]);
    const r = clear($('case-reports').tBodies[0]);
    for (const e of c.reports) row(r, [e.report_id, e.source, e.rank, e.batch_id, e.message_index]);
    const p = c.proposed_sanction;
    $('sanction-box').hidden = c.state !== 'confirmed';
    $('case-proposal').textContent = p ? t('proposal', { step: p.step, kind: t('sanction.' + p.kind),
      ends: p.suspension ? t('proposalDays', { days: isoDays(p.suspension) }) : '' }) : '';
    const s = c.sanction;
    $('sanction-result').textContent = s ? t('sanctioned', { kind: s.kind, step: s.step,
      ends: s.ends_at ? t('until', { at: s.ends_at }) : '' }) : '';
  }

  // Days of an ISO-8601 duration as Java writes it (PT168H, PT12H, P3D).
  function isoDays(d) {
    const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?/.exec(d) || [];
    const hours = (+(m[1] || 0)) * 24 + (+(m[2] || 0)) + (+(m[3] || 0)) / 60;
    return Math.round(hours / 24 * 100) / 100;
  }

  async function loadCases() {
    const q = [];
    if ($('case-filter-state').value) q.push('state=' + encodeURIComponent($('case-filter-state').value));
    if ($('case-filter-reseller').value.trim()) q.push('reseller=' + encodeURIComponent($('case-filter-reseller').value.trim()));
    const result = await api('GET', '/v1/admin/cases' + (q.length ? '?' + q.join('&') : ''));
    $('case-counts').textContent = t('caseCounts', result.counts);
    const body = clear($('case-list').tBodies[0]);
    for (const c of result.cases) {
      const status = document.createElement('span');
      status.className = 'status ' + c.state;
      status.textContent = c.state;
      row(body, [c.case_id, c.reseller_id, status, c.report_count, c.opened_at, c.updated_at,
        button(t('open'), () => guarded(() => openCase(c.case_id)), 'open-case')]).dataset.id = c.case_id;
    }
    if (!result.cases.length) row(body, [t('none')]);
  }
  $('case-list-form').addEventListener('submit', (e) => { e.preventDefault(); guarded(loadCases); });

  $('case-form').addEventListener('submit', (e) => { e.preventDefault(); guarded(() => openCase($('case-id').value.trim())); });
  for (const action of ['confirm', 'dismiss']) {
    $('case-' + action).addEventListener('click', () => guarded(async () => {
      const reason = $('case-reason').value.trim();
      await api('POST', '/v1/admin/cases/' + encodeURIComponent(state.caseId) + '/' + action, reason ? { reason } : {});
      await openCase(state.caseId);
      notice(t('done', { what: t('cases.' + action) + ' ' + state.caseId }), true);
      if ($('case-list').tBodies[0].rows.length) await loadCases();
    }));
  }
  $('case-sanction').addEventListener('click', () => guarded(async () => {
    const reason = $('case-reason').value.trim();
    const kind = $('sanction-kind').value;
    const body = reason ? { reason } : {};
    if (kind) {
      if (!reason) {
        notice(t('overrideReason'), false);
        $('case-reason').focus();
        return;
      }
      body.kind = kind;
      if (kind === 'suspension') body.suspension = 'P' + Math.max(1, parseInt($('sanction-days').value, 10) || 1) + 'D';
    }
    const s = await api('POST', '/v1/admin/cases/' + encodeURIComponent(state.caseId) + '/sanction', body);
    await openCase(state.caseId);
    notice(t('done', { what: t('cases.sanction') + ' ' + state.caseId }), true);
    if ($('case-list').tBodies[0].rows.length) await loadCases();
    $('sanction-result').textContent = t('sanctioned', { kind: s.kind, step: s.step, ends: s.ends_at ? t('until', { at: s.ends_at }) : '' });
  }));

  // ---- Evidence ----

  $('evidence-from').value = new Date(Date.now() - 24 * 3600 * 1000).toISOString();
  $('evidence-to').value = new Date(Date.now() + 3600 * 1000).toISOString();
  $('evidence-form').addEventListener('submit', (e) => {
    e.preventDefault();
    guarded(async () => {
      const id = $('evidence-reseller').value.trim();
      const text = await api('GET', '/v1/admin/resellers/' + encodeURIComponent(id) + '/evidence?from='
        + encodeURIComponent($('evidence-from').value) + '&to=' + encodeURIComponent($('evidence-to').value));
      state.bundle = text;
      const lines = text.split('\n').filter((l) => l).length;
      $('evidence-summary').textContent = t('exported', { lines, bytes: new Blob([text]).size });
      const link = $('evidence-download');
      if (link.href) URL.revokeObjectURL(link.href);
      link.href = URL.createObjectURL(new Blob([text], { type: 'application/jsonl' }));
      link.download = 'evidence-' + id + '.jsonl';
      link.hidden = false;
    });
  });
  $('evidence-verify-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const file = $('evidence-file').files[0];
    guarded(async () => {
      const bundle = file ? await file.text() : state.bundle;
      if (!bundle) return;
      const v = await api('POST', '/v1/admin/evidence/verify', bundle, 'application/jsonl');
      const f = v.failures[0] || {};
      $('evidence-result').textContent = v.ok ? t('verified', v)
        : t('notVerified', { n: v.failures.length, line: f.line, part: f.part, problem: f.problem });
      $('evidence-result').className = v.ok ? 'ok' : 'error';
    });
  });

  // ---- Opt-outs and lists ----

  async function loadLists() {
    let p;
    try {
      p = await api('GET', '/v1/admin/protection');
    } catch (e) {
      if (e && e.code === 'not_found') {
        $('lists-off').hidden = false;
        $('lists-body').hidden = true;
        return;
      }
      throw e;
    }
    $('lists-off').hidden = true;
    $('lists-body').hidden = false;
    const cards = clear($('lists-cards'));
    for (const [label, value, id] of [[t('lists.optOuts'), p.opt_outs, 'card-opt-outs'],
      [t('lists.listCount'), p.sender_number_lists.length, 'card-lists']]) {
      const d = document.createElement('div');
      d.className = 'card';
      d.id = id;
      const b = document.createElement('b');
      b.textContent = value;
      d.append(b, document.createTextNode(label));
      cards.appendChild(d);
    }
    const lists = clear($('lists-current').tBodies[0]);
    for (const l of p.sender_number_lists) row(lists, [l.list, l.version, l.published_at, l.imported_at, l.numbers, l.refused]).dataset.list = l.list;
    if (!p.sender_number_lists.length) row(lists, [t('none')]);
    const block = clear($('lists-blocklist').tBodies[0]);
    const b = p.url_blocklist;
    if (b) row(block, [b.version, b.published_at, b.imported_at, b.entries, b.refused]); else row(block, [t('none')]);
  }

  $('optout-form').addEventListener('submit', (e) => {
    e.preventDefault();
    guarded(async () => {
      const r = await api('POST', '/v1/admin/suppressions', { advertiser: $('optout-advertiser').value.trim(), number: $('optout-number').value.trim() });
      $('lists-result').textContent = t('imported', { added: r.added, already: r.already_suppressed, refused: r.refused });
      $('optout-number').value = '';
      await loadLists();
    });
  });
  $('optout-csv-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const file = $('optout-csv').files[0];
    if (!file) return;
    guarded(async () => {
      const r = await api('POST', '/v1/admin/suppressions/import?advertiser=' + encodeURIComponent($('optout-csv-advertiser').value.trim()),
        await file.text(), 'text/csv; charset=utf-8');
      $('lists-result').textContent = t('imported', { added: r.added, already: r.already_suppressed, refused: r.refused });
      await loadLists();
    });
  });
  $('list-import-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const file = $('list-import-file').files[0];
    if (!file) return;
    guarded(async () => {
      const r = await api('POST', '/v1/admin/sender-number-lists/' + encodeURIComponent($('list-import-kind').value)
        + '?version=' + encodeURIComponent($('list-import-version').value.trim()), await file.text(), 'text/plain; charset=utf-8');
      $('lists-result').textContent = t('listImported', r);
      await loadLists();
    });
  });

  // ---- Start ----

  applyLanguage();
  api('GET', '/console/session').then(showApp, () => showLogin(''));
})();
