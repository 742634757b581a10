/* deploymap review page: the article with its highlights, the records, corrections, Save.
 *
 * The story arrives as JSON data (#dm-data).  Every string of it is set with
 * textContent or as a form value: nothing from the article is ever markup.
 * Offsets in the document count code points (Python); the DOM counts UTF-16
 * units, so spans are converted on the way in and on the way out.
 */
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("dm-data").textContent);
  const doc = data.doc;
  const text = typeof doc.text === "string" ? doc.text : "";
  const STATUSES = ["deployed", "pledged", "withdrawing", "withdrawn"];
  const KIND_RANK = { place: 1, contributor: 2, mission: 3, figure: 4 };
  const countryName = new Map(data.countries);
  const $ = (id) => document.getElementById(id);
  // the interface's words (deploymap.locales): message *key*, its {fields} filled as text
  const W = data.words || {};
  const w = (key, vals) => String(W[key] ?? key).replace(/\{(\w+)\}/g, (m, k) => (vals && vals[k] !== undefined ? String(vals[k]) : m));
  const valueWord = (group, v) => W["value." + group + "." + v] ?? v;

  // -- offsets: code points <-> UTF-16 ------------------------------------------------
  let u16 = null; // u16[k]: the UTF-16 offset of code point k, when the text has any astral one
  if (/[\uD800-\uDFFF]/.test(text)) {
    u16 = [0];
    for (const ch of text) u16.push(u16[u16.length - 1] + ch.length);
  }
  const cpLength = u16 ? u16.length - 1 : text.length;
  const toU16 = (k) => (u16 ? u16[k] : k);
  function toCp(n) {
    if (!u16) return n;
    let lo = 0, hi = u16.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (u16[mid] < n) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  // -- records: one per mission, deployment, event, and place (its mentions together) -----
  const records = [];
  const byKey = new Map();
  function addRecord(kind, item, state) {
    const rec = {
      key: kind + ":" + records.length, kind, item, state: state || "open",
      orig: JSON.parse(JSON.stringify(item)), ranges: [], row: null,
    };
    records.push(rec);
    byKey.set(rec.key, rec);
    return rec;
  }
  (doc.missions || []).forEach((m) => addRecord("mission", m));
  [...(doc.deployments || []), ...(doc.withdrawn || [])].forEach((d) => addRecord("deployment", d));
  (doc.events || []).forEach((e) => addRecord("event", e));
  const placeGroups = new Map();
  (doc.places || []).forEach((p) => {
    const id = p.id || p.name + "@" + p.lat + "," + p.lon;
    if (!placeGroups.has(id)) placeGroups.set(id, addRecord("place", { id, mentions: [] }));
    placeGroups.get(id).item.mentions.push(p);
  });

  function confidence(rec) {
    if (rec.kind === "deployment") return rec.item.confidence ?? 1;
    if (rec.kind === "place") return Math.min(...rec.item.mentions.map((p) => p.confidence ?? 1));
    return null;
  }
  const flagged = (rec) => rec.state === "open" && confidence(rec) !== null && confidence(rec) < data.low;

  // -- spans of the text, each linked to the records read there ---------------------------
  const ranges = new Map(); // "kind:start:end" -> {start, end, kind, recs: Set}
  const squash = (s) => s.replace(/\s+/g, " ").trim();
  function link(ev, kind, rec) {
    if (!ev || !text || !Number.isInteger(ev.start) || !Number.isInteger(ev.end)) return null;
    if (ev.start < 0 || ev.end <= ev.start || ev.end > cpLength) return null;
    const start = toU16(ev.start), end = toU16(ev.end);
    // a span that is not the text it names (an edited or merged document) is not shown
    if (typeof ev.text === "string" && ev.text && squash(text.slice(start, end)) !== squash(ev.text)) return null;
    const fine = kind !== "evidence";
    const key = (fine ? "mark" : "evidence") + ":" + start + ":" + end;
    let r = ranges.get(key);
    if (!r) ranges.set(key, (r = { start, end, kind, recs: new Set() }));
    else if (fine && KIND_RANK[kind] > KIND_RANK[r.kind]) r.kind = kind;
    r.recs.add(rec.key);
    if (!rec.ranges.includes(r)) rec.ranges.push(r);
    return r;
  }
  const within = (p, evs) => evs.some((e) => e.start <= p.start && p.end <= e.end);
  function linkRecord(rec) {
    const it = rec.item;
    if (rec.kind === "mission") {
      link({ start: it.start, end: it.end, text: it.text }, "mission", rec);
      ["troops_evidence", "authorised_evidence", "peak_evidence"].forEach((k) => link(it[k], "figure", rec));
      (it.evidence || []).forEach((e) => link(e, "evidence", rec));
    } else if (rec.kind === "deployment") {
      link(it.figure, "figure", rec);
      (it.evidence || []).forEach((e) => link(e, "evidence", rec));
      // the contributor, where the sentences that report it name the country (or its people)
      for (const p of nations.get(it.contributor) || []) {
        if (within(p, it.evidence || [])) link(p, "contributor", rec);
      }
    } else if (rec.kind === "event") {
      (it.evidence || []).forEach((e) => link(e, "evidence", rec));
    } else {
      it.mentions.forEach((p) => link(p, "place", rec));
    }
  }
  const nations = new Map(); // ISO3 -> the mentions of that country or its people
  for (const p of doc.places || []) {
    if (p.iso3 && (p.demonym || p.kind === "country")) {
      (nations.get(p.iso3) || nations.set(p.iso3, []).get(p.iso3)).push(p);
    }
  }
  records.filter((r) => r.kind === "place").forEach(linkRecord);
  records.filter((r) => r.kind !== "place").forEach(linkRecord);

  // -- the article ----------------------------------------------------------------------
  const article = $("dm-article");
  let segments = new Map(); // range -> its elements
  function renderArticle() {
    article.textContent = "";
    segments = new Map();
    if (!text) {
      const p = document.createElement("p");
      p.className = "dm-empty";
      p.textContent = w("no_text");
      article.appendChild(p);
      article.removeAttribute("tabindex");
      return;
    }
    const all = [...ranges.values()];
    const startsAt = new Map(), endsAt = new Map(), cuts = new Set([0, text.length]);
    for (const r of all) {
      cuts.add(r.start); cuts.add(r.end);
      (startsAt.get(r.start) || startsAt.set(r.start, []).get(r.start)).push(r);
      (endsAt.get(r.end) || endsAt.set(r.end, []).get(r.end)).push(r);
    }
    const points = [...cuts].sort((a, b) => a - b);
    const active = new Set();
    const frag = document.createDocumentFragment();
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], piece = text.slice(a, points[i + 1]);
      (endsAt.get(a) || []).forEach((r) => active.delete(r));
      (startsAt.get(a) || []).forEach((r) => active.add(r));
      if (!active.size) { frag.appendChild(document.createTextNode(piece)); continue; }
      const el = document.createElement("span");
      el.textContent = piece;
      let best = null;
      for (const r of active) {
        el.classList.add("dm-" + r.kind);
        (segments.get(r) || segments.set(r, []).get(r)).push(el);
        if (r.kind !== "evidence" && (!best || r.end - r.start < best.end - best.start)) best = r;
      }
      el.dmRange = best || active.values().next().value;
      if (best) {
        el.classList.add("dm-mark");
        if ([...best.recs].some((k) => flagged(byKey.get(k)))) el.classList.add("dm-low");
        if (segments.get(best).length === 1) el.tabIndex = 0;
        el.title = w("kind." + best.kind);
      }
      frag.appendChild(el);
    }
    article.appendChild(frag);
  }

  function flash(el) {
    el.classList.remove("dm-flash");
    void el.offsetWidth; // restart the animation
    el.classList.add("dm-flash");
    setTimeout(() => el.classList.remove("dm-flash"), 1500);
  }
  function clearCurrent() {
    document.querySelectorAll(".dm-current, .dm-current-ev").forEach((el) => el.classList.remove("dm-current", "dm-current-ev"));
  }
  const smooth = () => (matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth");

  function showEvidence(rec) {
    clearCurrent();
    if (rec.row) rec.row.classList.add("dm-current");
    const shown = rec.ranges.filter((r) => segments.has(r));
    if (!shown.length) { say(w("no_span")); return; }
    // the record's own spans outlined, the sentences it was read in underlined
    shown.forEach((r) => {
      const cls = r.kind === "evidence" ? "dm-current-ev" : "dm-current";
      segments.get(r).forEach((el) => el.classList.add(cls));
    });
    const first = shown.find((r) => r.kind !== "evidence") || shown[0];
    const els = segments.get(first);
    els[0].scrollIntoView({ block: "center", behavior: smooth() });
    els.forEach(flash);
  }
  function showRows(range) {
    clearCurrent();
    segments.get(range)?.forEach((el) => el.classList.add("dm-current"));
    const order = { deployment: 0, mission: 1, event: 2, place: 3 };
    const recs = [...range.recs].map((k) => byKey.get(k)).sort((a, b) => order[a.kind] - order[b.kind]);
    const rows = recs.map((r) => r.row).filter(Boolean);
    rows.forEach((row) => { row.classList.add("dm-current"); flash(row); });
    if (rows.length) {
      const section = rows[0].closest("details");
      if (section) section.open = true;
      rows[0].scrollIntoView({ block: "nearest", behavior: smooth() });
      rows[0].focus({ preventScroll: true });
    }
  }
  article.addEventListener("click", (e) => {
    const sel = getSelection();
    if (sel && !sel.isCollapsed) return; // selecting text to add a figure
    const el = e.target.closest ? e.target.closest("span") : null;
    if (el && el.dmRange) showRows(el.dmRange);
  });
  article.addEventListener("keydown", (e) => {
    if ((e.key === "Enter" || e.key === " ") && e.target.dmRange) {
      e.preventDefault();
      showRows(e.target.dmRange);
    }
  });

  // -- the tables -----------------------------------------------------------------------
  const country = (c) => (c ? (countryName.get(c) || c) + " (" + c + ")" : "—");
  const group = (s) => s.replace(/\B(?=(\d{3})+(?!\d))/g, W._group ?? ",");
  const num = (n) => (n === null || n === undefined ? "—" : (n < 0 ? "-" : "") + group(String(Math.abs(Math.round(Number(n))))));
  const signed = (n) => (n === null || n === undefined ? "—" : (n > 0 ? "+" : "") + num(n));
  const pct = (x) => (x === null ? "" : w("percent", { n: Math.round(x * 100) }));
  const STATE_WORDS = { open: w("state.open"), accepted: w("state.accepted"), corrected: w("state.corrected"), rejected: w("state.rejected"), added: w("state.added") };
  const missionRecords = new Map(records.filter((r) => r.kind === "mission").map((r) => [r.item.id, r]));
  const missionRejected = (id) => missionRecords.get(id)?.state === "rejected";
  function stateWord(rec) {
    if (rec.state !== "rejected" && rec.kind !== "mission" && rec.item.mission && missionRejected(rec.item.mission)) {
      return w("state.rejected_mission");
    }
    return STATE_WORDS[rec.state];
  }

  // each kind: its columns as [heading, value of the record, field a correction edits, type]
  const COLUMNS = {
    mission: [
      [w("col.mission"), (m) => m.id + (m.name && m.name !== m.id ? " — " + m.name : "")],
      [w("col.hosts"), (m) => (m.hosts || []).map(country).join(", ") || "—"],
      [w("col.troops"), (m) => num(m.troops), "troops", "count"],
      [w("col.authorised"), (m) => num(m.authorised), "authorised", "count"],
    ],
    deployment: [
      [w("col.contributor"), (d) => country(d.contributor), "contributor", "country"],
      [w("col.mission"), (d) => d.mission || "—"],
      [w("col.troops"), (d) => num(d.troops), "troops", "count"],
      [w("col.change"), (d) => signed(d.change), "change", "signed"],
      [w("col.status"), (d) => valueWord("status", d.status || "deployed"), "status", "status"],
      [w("col.confidence"), (d) => pct(d.confidence ?? 1)],
    ],
    event: [
      [w("col.event"), (e) => valueWord("event", e.kind)],
      [w("col.mission"), (e) => e.mission || "—"],
      [w("col.date"), (e) => e.date || "—"],
      [w("col.actors"), (e) => (e.actors || []).map(country).join(" ← ") || "—"],
    ],
    place: [
      // a country by the interface's name for it (the page's list), any other place as read
      [w("col.place"), (g) => (W._lang !== "en" && g.mentions[0].kind === "country" && countryName.get(g.mentions[0].iso3)) || g.mentions[0].name],
      [w("col.kind"), (g) => (g.mentions[0].kind ? valueWord("kind", g.mentions[0].kind) : "—")],
      [w("col.country"), (g) => country(g.mentions[0].iso3)],
      [w("col.mentions"), (g) => num(g.mentions.length)],
      [w("col.confidence"), (g) => pct(Math.min(...g.mentions.map((p) => p.confidence ?? 1)))],
    ],
  };
  const SECTIONS = [["mission", w("section.missions")], ["deployment", w("section.deployments")], ["event", w("section.events")], ["place", w("section.places")]];
  const editable = (kind) => COLUMNS[kind].some((c) => c[2]);

  function cell(tr, value, cls) {
    const td = document.createElement("td");
    td.textContent = value;
    if (cls) td.className = cls;
    tr.appendChild(td);
    return td;
  }
  function button(label, title, onClick) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.title = title;
    b.setAttribute("aria-label", title);
    b.addEventListener("click", (e) => { e.stopPropagation(); onClick(); });
    return b;
  }
  function describe(rec) {
    return w("kind." + rec.kind) + " " + COLUMNS[rec.kind].slice(0, 2).map((c) => c[1](rec.item)).join(", ");
  }

  function renderRow(rec) {
    const tr = rec.row || document.createElement("tr");
    tr.textContent = "";
    tr.className = "dm-row";
    tr.tabIndex = 0;
    tr.dataset.key = rec.key;
    tr.dataset.state = rec.state;
    rec.row = tr;
    const flag = cell(tr, flagged(rec) ? "⚑" : "", "dm-flag");
    if (flagged(rec)) flag.title = w("flag_title");
    for (const [heading, value, field, type] of COLUMNS[rec.kind]) {
      const td = cell(tr, value(rec.item), type === "count" || type === "signed" ? "dm-num" : "");
      td.dataset.label = heading; // a phone shows rows as cards, each value with its heading
      if (field && rec.orig[field] !== rec.item[field]) {
        td.classList.add("dm-edited");
        td.title = w("was", { value: rec.orig[field] ?? w("empty") });
      }
    }
    const actions = cell(tr, "", "dm-actions");
    const state = document.createElement("span");
    state.className = "dm-state";
    state.textContent = stateWord(rec);
    actions.appendChild(state);
    const what = describe(rec);
    if (rec.state === "rejected") {
      actions.appendChild(button(w("undo"), w("undo_title", { what }), () => setState(rec, rec.was || "open")));
    } else {
      actions.appendChild(button(w("accept"), w("accept_title", { what }), () => setState(rec, rec.state === "added" ? "added" : "accepted")));
      if (editable(rec.kind)) actions.appendChild(button(w("correct"), w("correct_title", { what }), () => edit(rec)));
      actions.appendChild(button(w("reject"), w("reject_title", { what }), () => setState(rec, "rejected")));
    }
    return tr;
  }

  function renderTables() {
    const box = $("dm-tables");
    box.textContent = "";
    for (const [kind, heading] of SECTIONS) {
      const mine = records.filter((r) => r.kind === kind);
      if (!mine.length) continue;
      // flagged first, then added ones, then as read
      mine.sort((a, b) => (flagged(b) - flagged(a)) || ((b.state === "added") - (a.state === "added")));
      // places are many: folded unless one is flagged
      const section = document.createElement("details");
      section.open = kind !== "place" || mine.some(flagged);
      const h = document.createElement("summary");
      h.className = "dm-section";
      h.textContent = heading + " (" + num(mine.length) + ")";
      const table = document.createElement("table");
      table.dataset.kind = kind;
      const head = table.createTHead().insertRow();
      ["", ...COLUMNS[kind].map((c) => c[0]), w("col.review")].forEach((t) => {
        const th = document.createElement("th");
        th.textContent = t;
        th.scope = "col";
        head.appendChild(th);
      });
      const body = table.createTBody();
      mine.forEach((rec) => body.appendChild(renderRow(rec)));
      const scroll = document.createElement("div");
      scroll.className = "dm-scroll";
      scroll.appendChild(table);
      section.append(h, scroll);
      box.appendChild(section);
    }
    summary();
  }

  function setState(rec, state) {
    const wasFlagged = flagged(rec);
    if (state === "rejected") rec.was = rec.state;
    rec.state = state;
    if (state === "accepted" && "confidence" in rec.item) rec.item.confidence = 1;
    if (state === "accepted" && rec.kind === "place") rec.item.mentions.forEach((p) => { p.confidence = 1; });
    if (rec.kind === "mission") {
      records.filter((r) => r.item.mission === rec.item.id).forEach(renderRow);
    }
    renderRow(rec);
    rec.row.focus();
    if (wasFlagged !== flagged(rec)) renderArticle(); // its spans lose (or regain) the flag
    summary();
  }

  // a correction: the row's editable cells become inputs; Enter applies, Escape cancels
  function parseCount(s, allowSign) {
    const v = s.replace(/[\s,._\u00a0\u202f']/g, "");
    if (v === "") return { value: null };
    if (!(allowSign ? /^[+-]?\d+$/ : /^\d+$/).test(v)) return { error: allowSign ? w("expect_signed") : w("expect_count") };
    return { value: parseInt(v, 10) };
  }
  function countrySelect(value) {
    const sel = document.createElement("select");
    const none = new Option(w("choose"), "");
    sel.add(none);
    [...countryName.entries()].sort((a, b) => a[1].localeCompare(b[1]))
      .forEach(([code, name]) => sel.add(new Option(name + " (" + code + ")", code)));
    sel.value = value || "";
    return sel;
  }
  function statusSelect(value) {
    const sel = document.createElement("select");
    STATUSES.forEach((s) => sel.add(new Option(valueWord("status", s), s)));
    sel.value = value || "deployed";
    return sel;
  }

  function edit(rec) {
    const tr = rec.row;
    tr.classList.add("dm-editing");
    const cols = COLUMNS[rec.kind];
    const inputs = [];
    cols.forEach(([heading, , field, type], i) => {
      if (!field) return;
      const td = tr.cells[i + 1];
      td.textContent = "";
      let input;
      if (type === "country") input = countrySelect(rec.item[field]);
      else if (type === "status") input = statusSelect(rec.item[field]);
      else {
        input = document.createElement("input");
        input.inputMode = "numeric";
        input.value = rec.item[field] ?? "";
      }
      input.setAttribute("aria-label", heading);
      input.dataset.field = field;
      td.appendChild(input);
      inputs.push([input, field, type]);
    });
    const actions = tr.cells[tr.cells.length - 1];
    actions.querySelectorAll("button").forEach((b) => b.remove());
    const apply = () => {
      const next = {};
      for (const [input, field, type] of inputs) {
        if (type === "count" || type === "signed") {
          const got = parseCount(input.value, type === "signed");
          if (got.error) { say(w("expected", { field: input.getAttribute("aria-label"), what: got.error })); input.focus(); return; }
          next[field] = got.value;
        } else if (type === "country" && !input.value) {
          say(w("choose_country")); input.focus(); return;
        } else next[field] = input.value;
      }
      const changed = Object.keys(next).some((f) => next[f] !== rec.item[f]);
      Object.assign(rec.item, next);
      if (changed && "confidence" in rec.item) rec.item.confidence = 1;
      setState(rec, rec.state === "added" ? "added" : changed ? "corrected" : "accepted");
      say(w("saved_correction", { what: describe(rec) }));
    };
    const cancel = () => { renderRow(rec); rec.row.focus(); };
    actions.append(button(w("apply"), w("apply_title"), apply), button(w("cancel"), w("cancel_title"), cancel));
    inputs.forEach(([input]) => input.addEventListener("keydown", (e) => {
      if (e.key === "Enter") { e.preventDefault(); apply(); }
      if (e.key === "Escape") { e.preventDefault(); cancel(); }
    }));
    inputs[0][0].focus();
  }

  // rows: click or Enter shows the evidence; A, C, R are shortcuts for the buttons
  $("dm-tables").addEventListener("click", (e) => {
    const tr = e.target.closest("tr.dm-row");
    if (tr && !e.target.closest("input, select, button")) showEvidence(byKey.get(tr.dataset.key));
  });
  $("dm-tables").addEventListener("keydown", (e) => {
    const tr = e.target;
    if (!tr.classList || !tr.classList.contains("dm-row") || e.ctrlKey || e.metaKey || e.altKey) return;
    const rec = byKey.get(tr.dataset.key);
    const key = e.key.toLowerCase();
    if (key === "enter" || key === " ") showEvidence(rec);
    else if (key === "a" && rec.state !== "rejected") setState(rec, rec.state === "added" ? "added" : "accepted");
    else if (key === "c" && rec.state !== "rejected" && editable(rec.kind)) edit(rec);
    else if (key === "r" || key === "delete") setState(rec, rec.state === "rejected" ? rec.was || "open" : "rejected");
    else return;
    e.preventDefault();
  });

  // -- a figure the extractor missed: select it in the text --------------------------------
  const addButton = $("dm-add"), form = $("dm-addform");
  let pending = null; // the selection's span, UTF-16
  function selectionSpan() {
    const sel = getSelection();
    if (!text || !sel || sel.isCollapsed || !sel.rangeCount) return null;
    const range = sel.getRangeAt(0);
    if (!article.contains(range.startContainer) || !article.contains(range.endContainer)) return null;
    const before = document.createRange();
    before.selectNodeContents(article);
    before.setEnd(range.startContainer, range.startOffset);
    let start = before.toString().length;
    let end = start + range.toString().length;
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    if (end <= start) return null;
    // never split a surrogate pair
    if (u16) { start = toU16(toCp(start)); end = toU16(toCp(end)); }
    return end > start ? { start, end } : null;
  }
  addButton.addEventListener("mousedown", (e) => e.preventDefault()); // keep the selection
  document.addEventListener("selectionchange", () => {
    if (form.hidden) addButton.disabled = !selectionSpan();
  });
  function sentenceAround(start, end) {
    let s = start, e = end;
    while (s > 0 && !/[.!?]\s/.test(text.slice(s - 2, s)) && text[s - 1] !== "\n") s--;
    while (e < text.length && !/[.!?]/.test(text[e - 1] || "") && text[e] !== "\n") e++;
    while (/\s/.test(text[s] || "") && s < start) s++;
    return { start: s, end: e };
  }
  function nearestCountry(span, sentence) {
    let pick = "";
    for (const p of doc.places || []) {
      const ps = toU16(p.start || 0);
      if (p.iso3 && ps >= sentence.start && ps < sentence.end && (ps < span.start || !pick)) pick = p.iso3;
    }
    return pick;
  }
  addButton.addEventListener("click", () => {
    pending = selectionSpan();
    if (!pending) return;
    const sentence = sentenceAround(pending.start, pending.end);
    const figureText = text.slice(pending.start, pending.end);
    $("dm-add-quote").textContent = figureText;
    const who = $("dm-add-contributor");
    who.replaceWith(Object.assign(countrySelect(nearestCountry(pending, sentence)), { id: "dm-add-contributor", required: true }));
    const mission = $("dm-add-mission");
    mission.textContent = "";
    records.filter((r) => r.kind === "mission" && r.state !== "rejected")
      .forEach((r) => mission.add(new Option(r.item.id, r.item.id)));
    mission.add(new Option(w("none"), ""));
    const status = $("dm-add-status");
    status.textContent = "";
    STATUSES.forEach((s) => status.add(new Option(valueWord("status", s), s)));
    const digits = figureText.match(/\d[\d,.\u00a0\u202f ]*\d|\d/);
    $("dm-add-troops").value = digits ? digits[0].replace(/[^\d]/g, "") : "";
    $("dm-add-error").textContent = "";
    form.hidden = false;
    addButton.disabled = true;
    $("dm-add-contributor").focus();
  });
  function closeForm() {
    form.hidden = true;
    pending = null;
    article.focus({ preventScroll: true });
  }
  $("dm-add-cancel").addEventListener("click", closeForm);
  form.addEventListener("keydown", (e) => { if (e.key === "Escape") { e.preventDefault(); closeForm(); } });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const err = $("dm-add-error");
    const contributor = $("dm-add-contributor").value;
    const troops = parseCount($("dm-add-troops").value, false);
    if (!contributor) { err.textContent = w("choose_contributor"); return; }
    if (troops.error) { err.textContent = w("troops_expected", { what: troops.error }); return; }
    const sentence = sentenceAround(pending.start, pending.end);
    const source = (doc.sources || [])[0] || "";
    const span = (s, e2) => ({ start: toCp(s), end: toCp(e2), text: text.slice(s, e2), source, date: doc.date || "" });
    const item = {
      contributor, mission: $("dm-add-mission").value, troops: troops.value, change: null,
      status: $("dm-add-status").value, personnel: "troops", confidence: 1,
      figure: span(pending.start, pending.end), date: doc.date || "", role: "contributor",
      location: null, lat: null, lon: null, evidence: [span(sentence.start, sentence.end)],
    };
    const rec = addRecord("deployment", item, "added");
    linkRecord(rec);
    closeForm();
    renderArticle();
    renderTables();
    showEvidence(rec);
    rec.row.focus();
    say(w("added", { what: describe(rec) }));
  });

  // -- Save: the corrected Story document -------------------------------------------------
  function keep(rec) {
    if (rec.state === "rejected") return false;
    return rec.kind === "mission" || !rec.item.mission || !missionRejected(rec.item.mission);
  }
  function corrected() {
    const out = {};
    for (const k of Object.keys(doc)) out[k] = doc[k];
    const kept = (kind) => records.filter((r) => r.kind === kind && keep(r)).map((r) => r.item);
    out.missions = kept("mission");
    const deployments = kept("deployment");
    out.deployments = deployments.filter((d) => d.status !== "withdrawn");
    out.withdrawn = deployments.filter((d) => d.status === "withdrawn");
    out.events = kept("event");
    const places = new Set(kept("place"));
    out.places = records.filter((r) => r.kind === "place" && places.has(r.item)).flatMap((r) => r.item.mentions)
      .sort((a, b) => (a.start || 0) - (b.start || 0));
    return out;
  }
  $("dm-save").addEventListener("click", () => {
    const blob = new Blob([JSON.stringify(corrected(), null, 1) + "\n"], { type: "application/json" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = data.file;
    document.body.appendChild(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    say(w("saved", { file: data.file }));
  });

  // -- the summary line ---------------------------------------------------------------------
  let message = "";
  function say(words) { message = words; summary(); }
  function summary() {
    const count = (f) => records.filter(f).length;
    const parts = [
      w("sum.flagged", { n: num(count(flagged)) }),
      w("sum.open", { n: num(count((r) => r.state === "open")) }),
      w("sum.accepted", { n: num(count((r) => r.state === "accepted")) }),
      w("sum.corrected", { n: num(count((r) => r.state === "corrected")) }),
      w("sum.rejected", { n: num(count((r) => r.state === "rejected")) }),
      w("sum.added", { n: num(count((r) => r.state === "added")) }),
    ];
    $("dm-summary").textContent = parts.join(" · ") + (message ? " — " + message : "");
  }

  $("dm-title").textContent = data.title;
  renderArticle();
  renderTables();
  window.deploymapReview = { document: corrected }; // for scripts and tests: what Save writes
})();
