(function () {
  "use strict";
  var t0 = performance.now();
  var D = JSON.parse(document.getElementById("data").textContent);
  var F = {};
  D.fields.forEach(function (n, i) { F[n] = i; });
  var R = D.rows, S = D.strings, PAGE = 300;
  var state = { key: "", dir: 1, limit: PAGE, open: -1 }, view = [];
  var $ = function (id) { return document.getElementById(id); };
  var ESC = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
  function esc(s) { return String(s).replace(/[&<>"']/g, function (c) { return ESC[c]; }); }
  function conf(r) { return Math.max.apply(null, r[F.probs].concat([0])) / 1000; }
  function text(r) {
    if (r[F.text]) return r[F.text];
    return D.paras[r[F.para]].substr(r[F.off], r[F.len]);
  }
  function speaker(r) { return r[F.speaker] >= 0 ? D.speakers[r[F.speaker]][0] : ""; }
  function stance(r) { return r[F.stance] >= 0 ? D.stances[r[F.stance]] : ""; }
  function devices(r) {
    return D.devices.filter(function (d, i) { return r[F.devices] & (1 << i); });
  }
  function chip(st) { return '<span class="chip" style="background:' + (D.colors[st] || "#444") + '"></span>'; }
  function fill(sel, labels) {
    sel.insertAdjacentHTML("beforeend", labels.map(function (l, i) {
      return '<option value="' + i + '">' + esc(l) + "</option>";
    }).join(""));
  }
  var count = {};
  R.forEach(function (r) { count[r[F.article]] = (count[r[F.article]] || 0) + 1; });
  fill($("f-speaker"), D.speakers.map(function (s, i) {
    return s[0] + (s[1] ? " (" + s[1] + ")" : "");
  }));
  fill($("f-article"), D.articles.map(function (a, i) { return (a || "(no article)") + " · " + (count[i] || 0); }));
  var KEYS = {
    article: function (r) { return D.articles[r[F.article]]; },
    speaker: speaker, stance: stance, conf: conf, text: text,
    date: function (r) { return S[r[F.date]]; },
    copies: function (r) { return r[F.copies]; }
  };
  function filtered() {
    var st = $("f-stance").value, dv = $("f-device").value, sp = $("f-speaker").value;
    var ar = $("f-article").value, from = $("f-from").value, to = $("f-to").value;
    var mc = parseFloat($("f-conf").value) || 0, out = [];
    for (var i = 0; i < R.length; i++) {
      var r = R[i], d = S[r[F.date]];
      if (st !== "" && r[F.stance] !== +st) continue;
      if (dv !== "" && !(r[F.devices] & (1 << +dv))) continue;
      if (sp !== "" && r[F.speaker] !== +sp) continue;
      if (ar !== "" && r[F.article] !== +ar) continue;
      if ((from || to) && (!d || (from && d < from) || (to && d > to))) continue;
      if (conf(r) + 1e-9 < mc) continue;
      out.push(i);
    }
    if (state.key) {
      var k = KEYS[state.key], dir = state.dir;
      out.sort(function (a, b) {
        var x = k(R[a]), y = k(R[b]);
        return (x < y ? -1 : x > y ? 1 : a - b) * dir;
      });
    }
    return out;
  }
  function render() {
    view = filtered();
    $("shown").textContent = view.length;
    var html = view.slice(0, state.limit).map(function (i) {
      var r = R[i], t = text(r), st = stance(r);
      return '<tr data-i="' + i + '"' + (i === state.open ? ' class="open"' : "") + "><td>" +
        esc(D.articles[r[F.article]]) + "</td><td>" + esc(speaker(r) || S[r[F.surface]]) +
        "</td><td>" + chip(st) + esc(st) + '</td><td class="num">' + conf(r).toFixed(2) +
        "</td><td>" + esc(devices(r).join(", ")) + "</td><td>" + esc(S[r[F.date]]) +
        '</td><td class="num">' + r[F.copies] + "</td><td>" +
        esc(t.length > 220 ? t.slice(0, 220) + "…" : t) + "</td></tr>";
    }).join("");
    document.querySelector("#statements tbody").innerHTML = html;
    var more = $("more");
    more.hidden = view.length <= state.limit;
    more.textContent = "show " + Math.min(PAGE, view.length - state.limit) + " more (" +
      (view.length - state.limit) + " not shown)";
  }
  function open(i) {
    var r = R[i], p = D.paras[r[F.para]], st = stance(r), box = $("detail");
    state.open = i;
    var para = r[F.off] >= 0
      ? esc(p.slice(0, r[F.off])) + "<mark>" + esc(p.substr(r[F.off], r[F.len])) + "</mark>" +
        esc(p.slice(r[F.off] + r[F.len]))
      : "<mark>" + esc(r[F.text]) + "</mark><br><small>paragraph: " + esc(p) + "</small>";
    var probs = D.stances.map(function (s, j) {
      var v = (r[F.probs][j] || 0) / 1000;
      return chip(s) + esc(s) + ' <span class="prob" style="width:' + Math.round(v * 120) +
        "px;background:" + (D.colors[s] || "#444") + '"></span> ' + v.toFixed(3);
    }).join("<br>");
    var forms = r[F.speaker] >= 0 ? D.speakers[r[F.speaker]][1] : "";
    var rows = [
      ["speaker as written", S[r[F.surface]] || "–"],
      ["speaker resolved", (S[r[F.resolved]] || "–") + (speaker(r) && speaker(r) !== S[r[F.resolved]] ? " → " + speaker(r) : "")],
      ["also written", forms || "–"], ["cue", S[r[F.cue]] || "–"], ["via", S[r[F.via]] || "–"],
      ["kind", S[r[F.kind]] || "–"], ["article", D.articles[r[F.article]] || "–"],
      ["date", S[r[F.date]] || "–"], ["copies", r[F.copies] + " · " + S[r[F.sources]]],
      ["devices", devices(r).join(", ") || "none"]
    ];
    box.innerHTML = '<h3>Statement in context</h3><p class="para">' + para + "</p><dl>" +
      rows.map(function (x) { return "<dt>" + esc(x[0]) + "</dt><dd>" + esc(x[1]) + "</dd>"; }).join("") +
      "<dt>stance</dt><dd>" + chip(st) + "<b>" + esc(st) + "</b><br>" + probs + "</dd></dl>";
    box.hidden = false;
    document.querySelectorAll("#statements tr.open").forEach(function (t) { t.classList.remove("open"); });
    var tr = document.querySelector('#statements tr[data-i="' + i + '"]');
    if (tr) tr.classList.add("open");
    box.scrollIntoView({ block: "nearest" });
  }
  function clicked(e) {
    var el = e.target.closest("[data-i]");
    if (el) open(+el.getAttribute("data-i"));
  }
  document.querySelector("#statements tbody").addEventListener("click", clicked);
  $("review").addEventListener("click", clicked);
  $("filters").addEventListener("input", function () {
    $("f-conf-v").textContent = (+$("f-conf").value).toFixed(2);
    state.limit = PAGE;
    render();
  });
  $("f-reset").addEventListener("click", function () {
    $("filters").reset();
    $("f-conf-v").textContent = "0.00";
    state.limit = PAGE;
    render();
  });
  $("more").addEventListener("click", function () { state.limit += PAGE; render(); });
  document.querySelectorAll("th[data-sort]").forEach(function (th) {
    th.addEventListener("click", function () {
      var k = th.getAttribute("data-sort");
      state.dir = state.key === k ? -state.dir : 1;
      state.key = k;
      document.querySelectorAll("th[data-sort]").forEach(function (h) {
        h.classList.remove("asc", "desc");
        if (h === th) h.classList.add(state.dir > 0 ? "asc" : "desc");
      });
      render();
    });
  });
  render();
  document.body.setAttribute("data-script-ms", Math.round(performance.now() - t0));
  document.body.setAttribute("data-ready-ms", Math.round(performance.now()));
  document.body.setAttribute("data-ready", "1");
  requestAnimationFrame(function () {  // the first frame painted with the table filled
    setTimeout(function () { document.body.setAttribute("data-painted-ms", Math.round(performance.now())); });
  });
})();
