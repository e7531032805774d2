// The web console: one HTML page with its CSS and JS inline (no build step, no framework), served
// at / by the HTTP listener. It polls the JSON API once a second; everything it shows comes from
// /api/cluster, /api/topics, /api/records and /api/groups. Kept small: a few kilobytes on the wire.
// (The script avoids backquotes: this file holds it in a template literal.)
export const CONSOLE_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kraftling console</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>
body{font:14px system-ui,sans-serif;margin:0;color:#222;background:#f6f7f9}
header{background:#223;color:#fff;padding:8px 16px}header b{font-size:16px;margin-right:12px}
main{display:grid;grid-template-columns:3fr 2fr;gap:12px;padding:12px}
section{background:#fff;border:1px solid #dde;border-radius:6px;padding:8px 12px;overflow:auto;max-height:460px}
section.wide{grid-column:1/3}h2{font-size:15px;margin:4px 0 8px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:2px 8px;border-bottom:1px solid #eee;font-variant-numeric:tabular-nums}
tr.sel{background:#eef4ff}tr.click{cursor:pointer}.bad{color:#b00;font-weight:600}.ok{color:#070}.mono{font-family:monospace;white-space:pre-wrap;word-break:break-all}
button{font-size:12px;margin-right:4px}td:last-child{white-space:nowrap}h3{font-size:14px;margin:8px 0 4px}input,select{font-size:13px}#err{color:#b00;margin-left:12px}
</style></head><body>
<header><b>kraftling</b><span id="summary">connecting...</span><span id="err"></span></header>
<main>
<section><h2>Quorum</h2><div id="quorum"></div><table id="nodes"></table></section>
<section><h2>Topics</h2><table id="topics"></table></section>
<section class="wide"><h2>Partitions <span id="topic-name"></span></h2><table id="partitions"></table></section>
<section class="wide"><h2>Consumer groups</h2><div id="groups"></div></section>
<section class="wide"><h2>Records</h2>
<form id="browse">topic <select id="r-topic"></select> partition <input id="r-partition" type="number" min="0" value="0" style="width:5em">
from <select id="r-mode"><option value="offset">offset</option><option value="timestamp">time (ms or ISO)</option></select>
<input id="r-from" style="width:14em" placeholder="start"> as <select id="r-format"><option>text</option><option>json</option><option>hex</option></select>
<button>show</button></form><table id="records"></table></section>
</main>
<script>
var state = { topic: null, controls: [] };
function $(id) { return document.getElementById(id); }
function esc(s) { return String(s).replace(/[&<>"']/g, function (c) { return '&#' + c.charCodeAt(0) + ';'; }); }
function row(cells, attrs) { return '<tr' + (attrs || '') + '>' + cells.map(function (c) { return '<td>' + c + '</td>'; }).join('') + '</tr>'; }
function head(cells) { return '<tr>' + cells.map(function (c) { return '<th>' + c + '</th>'; }).join('') + '</tr>'; }
function get(path) {
  return fetch(path, { cache: 'no-store' }).then(function (r) {
    return r.json().then(function (body) { if (!r.ok) throw new Error(body.error || r.statusText); return body; });
  });
}
function renderCluster(c) {
  state.controls = c.controls;
  var leader = c.nodes.filter(function (n) { return n.role === 'leader'; })[0];
  $('summary').textContent = 'cluster ' + c.clusterId + ' \\u00b7 ' + c.nodes.length + ' node(s)';
  $('quorum').innerHTML = leader
    ? '<p id="controller">active controller: <b>node ' + leader.nodeId + '</b>, epoch ' + leader.epoch + ', committed offset ' + (leader.highWatermark - 1) + '</p>'
    : '<p id="controller" class="bad">no active controller (election in progress?)</p>';
  $('nodes').innerHTML = head(['node', 'state', 'role', 'epoch', 'applied offset', 'lag', 'fenced', 'leads', '']) +
    c.nodes.map(function (n) {
      var buttons = state.controls.map(function (a) { return '<button data-node="' + n.nodeId + '" data-action="' + a + '">' + a + '</button>'; }).join('');
      return row([n.nodeId, esc(n.state), esc(n.role), n.epoch, n.metadataOffset, n.metadataLagOffsets,
        n.unfenced ? '<span class="ok">no</span>' : '<span class="bad">yes</span>', n.leaderCount, buttons], ' data-node-row="' + n.nodeId + '"');
    }).join('');
}
function renderTopics(list) {
  var names = list.map(function (t) { return t.name; });
  if (state.topic === null || names.indexOf(state.topic) < 0) state.topic = names.filter(function (n) { return n.charAt(0) !== '_'; })[0] || names[0] || null;
  $('topics').innerHTML = head(['topic', 'partitions', 'RF', 'under-replicated', 'offline']) + list.map(function (t) {
    return row([esc(t.name), t.partitions, t.replicationFactor, t.underReplicated ? '<span class="bad">' + t.underReplicated + '</span>' : 0, t.offline ? '<span class="bad">' + t.offline + '</span>' : 0],
      ' class="click' + (t.name === state.topic ? ' sel' : '') + '" data-topic="' + esc(t.name) + '"');
  }).join('');
  var sel = $('r-topic'), current = sel.value;
  if (sel.options.length !== names.length) sel.innerHTML = names.map(function (n) { return '<option>' + esc(n) + '</option>'; }).join('');
  sel.value = current && names.indexOf(current) >= 0 ? current : (state.topic || '');
}
function renderPartitions(t) {
  $('topic-name').textContent = t ? t.name : '';
  if (!t) { $('partitions').innerHTML = ''; return; }
  $('partitions').innerHTML = head(['partition', 'leader', 'leader epoch', 'replicas', 'ISR', 'log start', 'high watermark']) + t.partitions.map(function (p) {
    var under = p.isr.length < p.replicas.length;
    return row([p.partition, p.leader < 0 ? '<span class="bad">none</span>' : p.leader, p.leaderEpoch, p.replicas.join(','),
      under ? '<span class="bad">' + p.isr.join(',') + '</span>' : p.isr.join(','), p.logStartOffset, p.highWatermark]);
  }).join('');
}
function renderGroups(groups) {
  if (groups.length === 0) { $('groups').innerHTML = '<p>no consumer groups</p>'; return; }
  $('groups').innerHTML = groups.map(function (g) {
    var members = g.members.map(function (m) {
      var parts = Object.keys(m.assignment).map(function (t) { return esc(t) + ':' + m.assignment[t].join(','); }).join(' ');
      return row([esc(m.memberId), esc(m.clientId), esc(m.clientHost), parts]);
    }).join('') || row(['no members']);
    var offsets = g.offsets.map(function (o) { return row([esc(o.topic), o.partition, o.committedOffset, o.endOffset, o.lag]); }).join('');
    return '<h3 data-group="' + esc(g.groupId) + '">' + esc(g.groupId) + ' <small>' + esc(g.state) + ', coordinator ' + g.coordinator +
      ', lag <b class="lag">' + g.totalLag + '</b></small></h3>' +
      '<table>' + head(['member', 'client id', 'host', 'assignment']) + members + '</table>' +
      '<table>' + head(['topic', 'partition', 'committed', 'end', 'lag']) + offsets + '</table>';
  }).join('');
}
function show(b64, text, format) {
  if (text === null) return '<i>null</i>';
  if (format === 'hex') return esc(b64);
  if (format === 'json') { try { return esc(JSON.stringify(JSON.parse(text))); } catch (e) { return esc(text); } }
  return esc(text);
}
function browse(ev) {
  if (ev) ev.preventDefault();
  var topic = $('r-topic').value, from = $('r-from').value.trim(), format = $('r-format').value;
  if (!topic) return;
  var q = '/api/records?topic=' + encodeURIComponent(topic) + '&partition=' + encodeURIComponent($('r-partition').value || '0');
  if (from !== '') q += '&' + $('r-mode').value + '=' + encodeURIComponent($('r-mode').value === 'timestamp' && !/^\\d+$/.test(from) ? String(Date.parse(from)) : from);
  get(q).then(function (r) {
    $('records').innerHTML = head(['offset', 'time', 'key', 'headers', 'value']) + r.records.map(function (x) {
      var headers = x.headers.map(function (h) { return esc(h.key) + '=' + esc(h.value); }).join(' ');
      return row([x.offset, new Date(x.timestamp).toISOString(), show(x.keyHex, x.key, format), headers, '<span class="mono">' + show(x.valueHex, x.value, format) + '</span>']);
    }).join('') + (r.records.length === 0 ? row(['no records from offset ' + r.from + ' (high watermark ' + r.highWatermark + ')']) : '');
    $('err').textContent = '';
  }).catch(function (e) { $('err').textContent = e.message; });
}
function refresh() {
  return Promise.all([get('/api/cluster'), get('/api/topics'), get('/api/groups')]).then(function (all) {
    renderCluster(all[0]); renderTopics(all[1]); renderGroups(all[2]);
    return state.topic ? get('/api/topics?name=' + encodeURIComponent(state.topic)) : null;
  }).then(function (t) {
    renderPartitions(t);
    $('err').textContent = '';
    if (!document.body.dataset.firstRenderMs) document.body.dataset.firstRenderMs = String(Math.round(performance.now()));
  }).catch(function (e) { $('err').textContent = 'refresh failed: ' + e.message; });
}
document.addEventListener('click', function (ev) {
  var b = ev.target.closest('button[data-action]');
  if (b) {
    b.disabled = true;
    fetch('/api/nodes/' + b.dataset.node + '/' + b.dataset.action, { method: 'POST' }).then(function (r) { return r.json(); })
      .then(function (r) { $('err').textContent = r.error || ''; }).then(refresh);
    return;
  }
  var tr = ev.target.closest('tr[data-topic]');
  if (tr) { state.topic = tr.dataset.topic; $('r-topic').value = state.topic; refresh(); }
});
$('browse').addEventListener('submit', browse);
refresh();
setInterval(refresh, 1000);
</script></body></html>
`;
