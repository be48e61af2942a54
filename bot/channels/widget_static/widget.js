/*
 * Mind & Body assistant: a small, dependency-free chat widget.
 * Embed with one tag:
 *   <script src="https://your-host/webhooks/widget/widget.js" defer></script>
 * Options (data- attributes on that script tag):
 *   data-endpoint    where to POST messages (default: "webhook" next to widget.js); "conversation" and
 *                    "forget" are next to it
 *   data-title       the header text (default: "Mind & Body assistant")
 *   data-open        "true" to start open (the demo page does)
 *   data-keep-hours  how long this browser keeps the conversation after its last message, so that it
 *                    survives a reload (default 24; "0" keeps nothing once the page is closed)
 * Message text is always rendered as text, never as HTML. Links become <a> elements only for http(s)
 * addresses, with rel="noopener noreferrer".
 * The server issues the conversation id. What the person types is sent as "message"; a button they click
 * is sent as "payload", the only way an intent is chosen for them.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var base = script ? script.src.replace(/[^/]*$/, "") : "";
  var endpoint = (script && script.getAttribute("data-endpoint")) || base + "webhook";
  var api = endpoint.replace(/[^/]*$/, "");
  var title = (script && script.getAttribute("data-title")) || "Mind & Body assistant";
  var startOpen = script && script.getAttribute("data-open") === "true";
  var keepHours = parseFloat((script && script.getAttribute("data-keep-hours")) || "24");
  var keepMs = (isFinite(keepHours) && keepHours > 0 ? keepHours : 0) * 3600 * 1000;
  var STORE = "mindbody-widget";
  var MAX_HISTORY = 200;
  // An email address first (so "jo@samaritans.org" is one mailto link, not a link on its domain), then web addresses.
  var URL_RE = /([a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+|https?:\/\/[^\s<>"')]+|(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:org|uk|com|net)(?:\/[^\s<>"')]*)?)/gi;
  var UNREACHABLE = "Sorry, I couldn't reach the assistant. Please try again. In an emergency call 999.";

  /* The conversation stays in this browser for keepMs after its last message, then it is forgotten. */
  function forgetHere() {
    try { localStorage.removeItem(STORE); } catch (e) { /* private mode: nothing was kept */ }
  }
  function load() {
    var kept = null;
    try { kept = JSON.parse(localStorage.getItem(STORE)); } catch (e) { kept = null; }
    if (!kept || !keepMs || !(Date.now() - (kept.savedAt || 0) < keepMs)) { forgetHere(); return { history: [] }; }
    return { conversation: kept.conversation, history: kept.history || [] };
  }
  function save() {
    if (!keepMs) { return; }
    try {
      localStorage.setItem(STORE, JSON.stringify({ conversation: state.conversation, history: state.history,
                                                   savedAt: Date.now() }));
    } catch (e) { /* private mode: carry on */ }
  }

  var state = load();

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  /* Text with safe links: every piece is a text node or an <a> built by the DOM API. */
  function richText(parent, text) {
    var last = 0;
    text.replace(URL_RE, function (match, _g, offset) {
      var trimmed = match.replace(/[.,;:!?]+$/, "");
      parent.appendChild(document.createTextNode(text.slice(last, offset)));
      var href = /^https?:\/\//i.test(trimmed) ? trimmed
        : trimmed.indexOf("@") > 0 ? "mailto:" + trimmed : "https://" + trimmed;
      var a = el("a", { href: href, target: "_blank", rel: "noopener noreferrer" }, trimmed);
      parent.appendChild(a);
      last = offset + trimmed.length;
      return match;
    });
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  var css = el("link", { rel: "stylesheet", href: base + "widget.css" });
  document.head.appendChild(css);

  var root = el("div", { class: "mb-widget", "data-open": startOpen ? "true" : "false" });
  var toggle = el("button", { class: "mb-toggle", type: "button", "aria-expanded": startOpen ? "true" : "false",
                              "aria-controls": "mb-panel" }, "Chat with the assistant");
  var panel = el("section", { id: "mb-panel", class: "mb-panel", "aria-label": title });
  var header = el("header", { class: "mb-header" });
  header.appendChild(el("h2", { class: "mb-title" }, title));
  var tools = el("div", { class: "mb-tools" });
  tools.appendChild(el("a", { class: "mb-privacy", href: base + "privacy", target: "_blank", rel: "noopener noreferrer" },
                       "Privacy"));
  /* On a shared computer the conversation should not stay behind: this forgets it in this browser. */
  var clear = el("button", { type: "button", class: "mb-tool" }, "Clear chat");
  /* This also deletes it on the server: every message, and the anonymous facts recorded for it. */
  var remove = el("button", { type: "button", class: "mb-tool" }, "Delete conversation");
  tools.appendChild(clear); tools.appendChild(remove);
  header.appendChild(tools);
  var notice = el("p", { class: "mb-notice" },
    "An automated assistant, not a clinician, and not watched in real time. In an emergency call 999.");
  var log = el("div", { class: "mb-log", role: "log", "aria-live": "polite", "aria-relevant": "additions",
                        "aria-label": "Conversation", tabindex: "0" });
  var typing = el("p", { class: "mb-typing", hidden: "hidden", "aria-live": "polite" }, "The assistant is typing\u2026");
  var form = el("form", { class: "mb-form" });
  var label = el("label", { for: "mb-input", class: "mb-label" }, "Your message");
  var input = el("textarea", { id: "mb-input", class: "mb-input", rows: "2", maxlength: "2000",
                               autocomplete: "off", placeholder: "Type here, in your own words" });
  var send = el("button", { type: "submit", class: "mb-send" }, "Send");
  form.appendChild(label); form.appendChild(input); form.appendChild(send);
  [header, notice, log, typing, form].forEach(function (n) { panel.appendChild(n); });
  root.appendChild(toggle); root.appendChild(panel);

  function addMessage(who, message, remember) {
    var item = el("div", { class: "mb-msg mb-" + who });
    var bubble = el("p", { class: "mb-bubble" });
    bubble.appendChild(el("span", { class: "mb-visually-hidden" }, who === "user" ? "You said: " : "Assistant: "));
    richText(bubble, message.text || "");
    item.appendChild(bubble);
    if (who === "bot" && message.buttons && message.buttons.length) {
      var group = el("div", { class: "mb-buttons", role: "group", "aria-label": "Suggested replies" });
      message.buttons.forEach(function (b) {
        var button = el("button", { type: "button", class: "mb-choice" }, b.title);
        button.addEventListener("click", function () { sendMessage("payload", b.payload, b.title); });
        group.appendChild(button);
      });
      item.appendChild(group);
    }
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
    if (remember) {
      state.history.push({ who: who, text: message.text || "", buttons: message.buttons || [] });
      state.history = state.history.slice(-MAX_HISTORY);
      save();
    }
  }

  function postJson(url, body) {
    return fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  }

  /* The server issues the conversation id, once per conversation. */
  function conversation() {
    if (state.conversation) { return Promise.resolve(state.conversation); }
    return postJson(api + "conversation", {}).then(function (r) {
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return r.json();
    }).then(function (answer) {
      state.conversation = answer.conversation;
      save();
      return state.conversation;
    });
  }

  /* One turn; an id the server no longer knows (a new secret, say) starts a new conversation, once. */
  function exchange(kind, value, retried) {
    return conversation().then(function (id) {
      var body = { conversation: id };
      body[kind] = value;
      return postJson(endpoint, body);
    }).then(function (r) {
      if (r.status === 401 && !retried) { state.conversation = null; return exchange(kind, value, true); }
      if (r.status === 429) {  /* too many messages: the server's kind reply is shown, not kept */
        return r.json().then(function (replies) { return { replies: replies, remember: false }; });
      }
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return r.json().then(function (replies) { return { replies: replies, remember: true }; });
    });
  }

  /* One request at a time, in order: messages typed while the assistant is answering wait their turn. */
  var busy = false;
  var queue = [];
  function sendMessage(kind, value, shown) {
    if (busy) { queue.push([kind, value, shown]); return; }
    busy = true;
    addMessage("user", { text: shown }, true);
    typing.hidden = false;
    exchange(kind, value, false).then(function (answer) {
      (answer.replies || []).forEach(function (m) { addMessage("bot", m, answer.remember); });
    }).catch(function () {
      addMessage("bot", { text: UNREACHABLE }, false);
    }).then(function () {
      typing.hidden = true; busy = false;
      if (queue.length) { var next = queue.shift(); sendMessage(next[0], next[1], next[2]); } else { input.focus(); }
    });
  }

  function startOver(status) {
    forgetHere();
    state = { history: [] };
    queue = [];
    while (log.firstChild) { log.removeChild(log.firstChild); }
    if (status) { addMessage("bot", { text: status }, false); }
    sendMessage("payload", "/greet", "Hello");
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { input.focus(); return; }
    input.value = "";
    sendMessage("message", text, text);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); form.requestSubmit ? form.requestSubmit() : form.submit(); }
  });
  clear.addEventListener("click", function () { startOver(""); });
  remove.addEventListener("click", function () {
    if (!state.conversation) { startOver(""); return; }
    postJson(api + "forget", { conversation: state.conversation }).then(function (r) {
      if (!r.ok && r.status !== 401) { throw new Error("HTTP " + r.status); }
      startOver("Your conversation has been deleted from this service and from this browser.");
    }).catch(function () {
      addMessage("bot", { text: "Sorry, the conversation could not be deleted just now. Please try again." }, false);
    });
  });
  toggle.addEventListener("click", function () {
    var open = root.getAttribute("data-open") !== "true";
    root.setAttribute("data-open", open ? "true" : "false");
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) { input.focus(); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && root.getAttribute("data-open") === "true" && !startOpen) { toggle.click(); toggle.focus(); }
  });

  function start() {
    document.body.appendChild(root);
    state.history.forEach(function (m) { addMessage(m.who, m, false); });
    if (!state.history.length) { sendMessage("payload", "/greet", "Hello"); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
