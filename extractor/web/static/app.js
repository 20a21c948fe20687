// factcheck editors' page. The DOM is built with createElement and textContent only:
// article text never goes through an HTML parser, so a draft full of <script> stays inert.
"use strict";

(function () {
  // Verdicts that are neither right nor wrong. "consistent" is green; any other verdict is a
  // problem the checker flagged (red), so a verdict added later shows up red, not silently grey.
  const NEUTRAL_VERDICTS = ["unverifiable", "not_checked"];
  const LABELS = {
    consistent: "Consistent",
    contradicted: "Contradicted",
    wrong_sign: "Wrong sign",
    wrong_direction: "Wrong direction",
    false_record: "False record",
    wrong_streak: "Wrong streak",
    wrong_period: "Wrong period",
    unverifiable: "Unverifiable",
    not_checked: "Not checked",
  };

  const $ = (id) => document.getElementById(id);
  let lastDoc = null; // the JSON document of the last check (as the CLI prints it)
  let lastRequest = null; // what was sent, to fetch the HTML report of the same draft
  let selected = null;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") node.className = v;
      else node.setAttribute(k, v);
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      node.append(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return node;
  }

  function tone(verdict) {
    if (verdict === "consistent") return "v-ok";
    if (NEUTRAL_VERDICTS.includes(verdict)) return "v-na";
    return "v-bad";
  }

  function label(verdict) {
    return LABELS[verdict] || String(verdict).replace(/_/g, " ");
  }

  // -- sending ----------------------------------------------------------------------------
  function buildRequest() {
    const file = $("file").files[0];
    const published = $("published").value;
    if (file) {
      return { file: file, published: published };
    }
    return { text: $("draft").value, published: published };
  }

  function send(req, format) {
    const url = "/api/check?format=" + format;
    if (req.file) {
      const form = new FormData();
      form.append("file", req.file, req.file.name);
      if (req.published) form.append("published", req.published);
      return fetch(url, { method: "POST", body: form });
    }
    const body = { text: req.text };
    if (req.published) body.published = req.published;
    return fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  }

  async function errorMessage(resp) {
    try {
      const body = await resp.json();
      if (body && body.message) return body.message;
    } catch (e) {
      /* not JSON */
    }
    return "The server answered " + resp.status + " " + resp.statusText + ".";
  }

  function setStatus(text, isError) {
    const s = $("status");
    s.textContent = text;
    s.classList.toggle("error", Boolean(isError));
  }

  async function onSubmit(event) {
    event.preventDefault();
    const req = buildRequest();
    if (!req.file && !req.text.trim()) {
      setStatus("Paste a draft or choose a file first.", true);
      $("draft").focus();
      return;
    }
    const button = $("check-button");
    button.disabled = true;
    setStatus(req.file ? "Checking " + req.file.name + "…" : "Checking…", false);
    try {
      const resp = await send(req, "page");
      if (!resp.ok) {
        setStatus(await errorMessage(resp), true);
        return;
      }
      const answer = await resp.json();
      const doc = answer.document;
      (doc.articles || []).forEach((a, i) => { a._text = answer.texts[i]; });
      lastDoc = doc;
      lastRequest = req;
      showDocument(doc);
      setStatus("Checked.", false);
    } catch (e) {
      setStatus("Could not reach the server: " + e.message, true);
    } finally {
      button.disabled = false;
    }
  }

  // -- showing ----------------------------------------------------------------------------
  function showDocument(doc) {
    const article = (doc.articles || [])[0];
    if (!article) {
      setStatus("The server returned no article.", true);
      return;
    }
    const claims = article.claims || [];
    claims.forEach((c, i) => { c._index = i; });
    showPublished(article);
    showSummary(claims);
    const err = $("article-error");
    err.hidden = !article.error;
    err.textContent = article.error ? "This draft could not be checked fully: " + article.error : "";
    const box = $("article");
    box.replaceChildren(renderText(article._text || "", claims));
    renderList(claims);
    selected = null;
    $("detail").replaceChildren(
      el("p", { class: "placeholder" },
        "Select a highlighted claim to see the explanation, the official figure and its source.")
    );
    $("result").hidden = false;
    $("result").scrollIntoView({ block: "start" }); // the checked draft fills a laptop screen
    $("result-title").focus({ preventScroll: true }); // keyboard users continue from here
  }

  function showPublished(article) {
    const note = $("published-note");
    const input = $("published");
    if (article.published) {
      const how = article.published_source ? " (" + article.published_source.replace(/_/g, " ") + ")" : "";
      if (!input.value) input.value = article.published;
      note.textContent = "Checked as of " + article.published + how + ". Change it and check again if wrong.";
    } else {
      note.textContent = "No publication date found: figures were taken as of the latest release.";
    }
  }

  function showSummary(claims) {
    const counts = { ok: 0, bad: 0, na: 0 };
    for (const c of claims) counts[tone(c.verdict).slice(2)] += 1;
    const part = (n, what, cls) => [el("span", { class: "count " + cls }, String(n)), " " + what];
    const s = $("summary");
    s.replaceChildren(
      String(claims.length) + (claims.length === 1 ? " claim: " : " claims: "),
      ...part(counts.bad, "flagged, ", "v-bad-count"),
      ...part(counts.ok, "consistent, ", "v-ok-count"),
      ...part(counts.na, "not checked or unverifiable", "v-na-count")
    );
    s.dataset.flagged = counts.bad;
    s.dataset.consistent = counts.ok;
    s.dataset.neutral = counts.na;
  }

  // Claims may nest ("record $63B surplus" holds "$63B"); a claim that crosses another is
  // clipped where the other ends. Every claim is also in the list below the text.
  function renderText(text, claims) {
    const items = claims
      .filter((c) => Number.isInteger(c.start) && Number.isInteger(c.end) && c.start < c.end)
      .sort((a, b) => a.start - b.start || b.end - a.end);
    const frag = document.createDocumentFragment();
    fillRange(frag, text, items, 0, text.length);
    return frag;
  }

  function fillRange(parent, text, items, from, to) {
    let cursor = from;
    while (items.length) {
      const c = items.shift();
      const s = Math.max(c.start, cursor);
      const e = Math.min(c.end, to);
      if (s >= e) continue;
      if (s > cursor) parent.append(text.slice(cursor, s));
      const inner = [];
      for (let i = 0; i < items.length; ) {
        if (items[i].start < e && items[i].end <= e) inner.push(items.splice(i, 1)[0]);
        else i += 1;
      }
      const mark = claimMark(c);
      fillRange(mark, text, inner, s, e);
      parent.append(mark);
      cursor = e;
    }
    if (cursor < to) parent.append(text.slice(cursor, to));
  }

  function claimMark(c) {
    const mark = el("mark", {
      class: "claim " + tone(c.verdict),
      tabindex: "0",
      role: "button",
      "data-claim": String(c._index),
      "data-verdict": c.verdict,
      "aria-label": label(c.verdict) + ": " + c.text,
      title: label(c.verdict),
    });
    return mark;
  }

  function renderList(claims) {
    const list = $("claim-list");
    list.replaceChildren(
      ...claims.map((c) =>
        el("li", null,
          el("button", { type: "button", "data-claim": String(c._index), class: "claim-link" },
            el("span", { class: "where" }, c.line + ":" + c.col),
            el("span", { class: "badge " + tone(c.verdict) }, label(c.verdict)),
            " ",
            c.text))
      )
    );
    if (!claims.length) list.append(el("li", null, "No numeric claims were found in this draft."));
  }

  // -- details ----------------------------------------------------------------------------
  function fmtNumber(x, digits) {
    return x.toLocaleString("en-US", { maximumFractionDigits: digits });
  }

  function fmtAmount(value, unit) {
    if (value === null || value === undefined) return "—";
    const abs = Math.abs(value);
    const sign = value < 0 ? "−" : "";
    if (unit === "JPY" || unit === "USD") {
      const cur = unit === "JPY" ? " yen" : " dollars";
      if (abs >= 1e12) return sign + fmtNumber(abs / 1e12, 4) + " trillion" + cur;
      if (abs >= 1e9) return sign + fmtNumber(abs / 1e9, 3) + " billion" + cur;
      if (abs >= 1e6) return sign + fmtNumber(abs / 1e6, 3) + " million" + cur;
      return sign + fmtNumber(abs, 2) + cur;
    }
    if (unit === "JPY_per_USD") return fmtNumber(value, 4) + " yen per dollar";
    if (unit === "percent") return fmtNumber(value, 3) + "%";
    if (unit === "times") return fmtNumber(value, 3) + " times";
    return fmtNumber(value, 4) + (unit ? " " + unit : "");
  }

  function row(dl, name, value) {
    if (value === null || value === undefined || value === "") return;
    dl.append(el("dt", null, name), el("dd", null, String(value)));
  }

  function showDetail(c) {
    const panel = $("detail");
    const head = el("h3", null, el("span", { class: "badge " + tone(c.verdict) }, label(c.verdict)),
      " ", c.severity ? c.severity + " · " : "", c.rule || "");
    const parts = [head, el("blockquote", null, c.text), el("p", { class: "message" }, c.message || "")];
    if (c.suggestion) parts.push(el("p", { class: "suggestion" }, "Suggestion: " + c.suggestion));
    const o = c.official;
    if (o) {
      const dl = el("dl");
      row(dl, "Value", fmtAmount(o.value, o.unit));
      row(dl, "Series", o.flow);
      row(dl, "Period", o.period);
      row(dl, "Partner", o.partner);
      row(dl, "Vintage", o.status + (o.release_date ? ", released " + o.release_date : ""));
      row(dl, "Source", o.source);
      row(dl, "Source kind", o.source_kind);
      parts.push(el("h4", null, "Official figure"), dl);
    }
    const claim = el("dl");
    row(claim, "Kind", c.kind);
    row(claim, "Metric", c.metric);
    row(claim, "Period", c.period);
    row(claim, "Partner", c.partner);
    row(claim, "As written", [c.hedge, c.value, c.unit].filter(Boolean).join(" "));
    if (c.normalized) row(claim, "Read as", fmtAmount(c.normalized.value, c.normalized.unit));
    row(claim, "Direction", c.direction);
    row(claim, "Out of scope", c.excluded);
    row(claim, "Notes", (c.notes || []).join("; "));
    row(claim, "Position", "line " + c.line + ", column " + c.col);
    parts.push(el("h4", null, "The claim as read"), claim);
    panel.replaceChildren(...parts);
  }

  function select(index, focusMark) {
    const article = lastDoc && lastDoc.articles[0];
    if (!article) return;
    const c = article.claims[index];
    if (!c) return;
    if (selected) selected.classList.remove("selected");
    selected = $("article").querySelector('mark[data-claim="' + index + '"]');
    if (selected) {
      selected.classList.add("selected");
      if (focusMark) {
        selected.focus();
        selected.scrollIntoView({ block: "nearest" });
      }
    }
    showDetail(c);
  }

  function claimTarget(event) {
    const t = event.target.closest("[data-claim]");
    return t ? Number(t.dataset.claim) : null;
  }

  // -- downloads --------------------------------------------------------------------------
  function baseName() {
    const f = lastRequest && lastRequest.file;
    return f ? f.name.replace(/\.[^.]+$/, "") : "draft";
  }

  function saveBlob(blob, name) {
    const url = URL.createObjectURL(blob);
    const a = el("a", { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  function downloadJson() {
    if (!lastDoc) return;
    const clean = JSON.parse(
      JSON.stringify(lastDoc, (k, v) => (k === "_index" || k === "_text" ? undefined : v))
    );
    saveBlob(new Blob([JSON.stringify(clean, null, 2) + "\n"], { type: "application/json" }),
      baseName() + ".factcheck.json");
  }

  async function downloadHtml() {
    if (!lastRequest) return;
    setStatus("Preparing the HTML report…", false);
    try {
      const resp = await send(lastRequest, "html");
      if (!resp.ok) {
        setStatus(await errorMessage(resp), true);
        return;
      }
      saveBlob(await resp.blob(), baseName() + ".factcheck.html");
      setStatus("HTML report saved.", false);
    } catch (e) {
      setStatus("Could not reach the server: " + e.message, true);
    }
  }

  // -- wiring -----------------------------------------------------------------------------
  function init() {
    $("check-form").addEventListener("submit", onSubmit);
    $("file").addEventListener("change", () => {
      const f = $("file").files[0];
      $("clear-file").hidden = !f;
      $("draft").disabled = Boolean(f);
      if (f) setStatus("Will check the file " + f.name + " (the text box is ignored).", false);
    });
    $("clear-file").addEventListener("click", () => {
      $("file").value = "";
      $("clear-file").hidden = true;
      $("draft").disabled = false;
      setStatus("", false);
    });
    $("article").addEventListener("click", (event) => {
      const i = claimTarget(event);
      if (i !== null) select(i, false);
    });
    $("article").addEventListener("keydown", (event) => {
      if (event.key !== "Enter" && event.key !== " ") return;
      const i = claimTarget(event);
      if (i === null) return;
      event.preventDefault();
      select(i, false);
    });
    $("claim-list").addEventListener("click", (event) => {
      const i = claimTarget(event);
      if (i !== null) select(i, true);
    });
    $("download-json").addEventListener("click", downloadJson);
    $("download-html").addEventListener("click", downloadHtml);
  }

  document.addEventListener("DOMContentLoaded", init);
})();
