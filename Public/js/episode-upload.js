// "Upload episodes": pick or drop video files, check the episode numbers read from their
// names, then send each file (two at a time) with its own progress bar. The list below
// follows every upload to its end by polling. Everything from files or the server is
// written with textContent.
const picker = document.getElementById("upload");
const list = document.getElementById("upload-list");
const csrfField = document.querySelector('input[name="_csrf"]');
const csrf = csrfField ? csrfField.value : "";
const VIDEO = ["avi", "flv", "mkv", "mov", "mp4", "mpeg", "mpg", "webm", "wmv"];
const AUDIO = ["aac", "flac", "m4a", "mp3", "ogg", "wav"];
const IMAGE = ["bmp", "gif", "jpeg", "jpg", "png", "tif", "tiff", "webp"];
const PARALLEL = 2;

const CHINESE_DIGITS = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

// 三 → 3, 十二 → 12, 二十 → 20, 一百零五 → 105.
function chineseNumber(text) {
  let total = 0, digit = 0;
  for (const ch of text) {
    if (ch in CHINESE_DIGITS) digit = CHINESE_DIGITS[ch];
    else if (ch === "十") { total += (digit || 1) * 10; digit = 0; }
    else if (ch === "百") { total += (digit || 1) * 100; digit = 0; }
    else return null;
  }
  return total + digit || null;
}

// The episode number a file name suggests, or null.
export function guessEpisode(fileName) {
  const stem = fileName.replace(/\.[^.]*$/, "").normalize("NFKC");
  let match = stem.match(/第\s*(\d+)\s*[集话話回]/);
  if (match) return parseInt(match[1], 10);
  match = stem.match(/第\s*([零〇一二两三四五六七八九十百]+)\s*[集话話回]/);
  if (match) return chineseNumber(match[1]);
  match = stem.match(/(?:^|[^a-z])(?:episode|ep|e)[\s._-]*(\d+)/i);
  if (match) return parseInt(match[1], 10);
  match = stem.match(/(\d+)\s*[集话話]/);
  if (match) return parseInt(match[1], 10);
  const numbers = stem.match(/\d+/g);
  if (numbers && numbers.length === 1) return parseInt(numbers[0], 10);
  return null;
}

function extensionOf(name) {
  const dot = name.lastIndexOf(".");
  return dot < 0 ? "" : name.slice(dot + 1).toLowerCase();
}

function formatBytes(count) {
  const units = ["bytes", "KB", "MB", "GB", "TB"];
  let value = count, unit = 0;
  while (value >= 1000 && unit < units.length - 1) { value /= 1000; unit += 1; }
  return (unit === 0 ? String(value) : value.toFixed(value < 10 ? 1 : 0)) + " " + units[unit];
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function actionForm(url, label, className) {
  const form = element("form", "inline");
  form.method = "post";
  form.action = url;
  const token = element("input");
  token.type = "hidden";
  token.name = "_csrf";
  token.value = csrf;
  const button = element("button", className, label);
  button.type = "submit";
  form.append(token, button);
  return form;
}

// MARK: the list of uploads (server state)

const FINISHED = ["done", "failed"];
let polling = null;

function renderListRow(row, upload) {
  row.dataset.uploadId = String(upload.id);
  row.dataset.status = upload.status;
  row.replaceChildren();
  const number = element("td", "num");
  if (upload.episodeURL) {
    const link = element("a", "", String(upload.episodeNumber));
    link.href = upload.episodeURL;
    number.append(link);
  } else number.textContent = String(upload.episodeNumber);
  const file = element("td", "", upload.filename);
  file.append(element("div", "muted", upload.uploaded));
  const status = element("td");
  status.append(element("span", "badge upload-" + upload.status, upload.statusLabel));
  const progressCell = element("td");
  const bar = element("progress", "progress", upload.progressPercent + "%");
  bar.max = 100;
  bar.value = upload.progressPercent;
  progressCell.append(bar);
  const actions = element("td", "actions");
  if (picker) {
    if (upload.canRetry) actions.append(actionForm(upload.retryURL, "Retry"));
    if (upload.canDismiss) actions.append(actionForm(upload.dismissURL, "Remove", "link"));
  }
  row.append(number, file, element("td", "num", upload.size), status, progressCell, element("td", "", upload.detail), actions);
}

function showInList(upload) {
  if (!list) return;
  list.hidden = false;
  const empty = document.getElementById("upload-empty");
  if (empty) empty.remove();
  const body = list.tBodies[0];
  let row = body.querySelector('tr[data-upload-id="' + upload.id + '"]');
  if (!row) {
    row = element("tr");
    body.prepend(row);
  }
  renderListRow(row, upload);
  startPolling();
}

function unfinishedIds() {
  if (!list) return [];
  return Array.from(list.tBodies[0].rows)
    .filter((row) => !FINISHED.includes(row.dataset.status))
    .map((row) => row.dataset.uploadId);
}

async function poll() {
  const ids = unfinishedIds();
  if (ids.length === 0) { stopPolling(); return; }
  try {
    const response = await fetch(list.dataset.statusUrl + "?ids=" + ids.join(","), { headers: { Accept: "application/json" } });
    if (!response.ok) return;
    for (const upload of await response.json()) showInList(upload);
  } catch {
    // Offline for a moment: the next tick tries again.
  }
}

function startPolling() {
  if (!polling && unfinishedIds().length > 0) polling = setInterval(poll, 2000);
}

function stopPolling() {
  if (polling) clearInterval(polling);
  polling = null;
}

startPolling();

// MARK: choosing and sending files

if (picker) {
  const input = document.getElementById("upload-files");
  const drop = document.getElementById("upload-drop");
  const preview = document.getElementById("upload-preview");
  const rowsBody = document.getElementById("upload-rows");
  const summary = document.getElementById("upload-summary");
  const start = document.getElementById("upload-start");
  const clear = document.getElementById("upload-clear");
  const maxBytes = Number(picker.dataset.maxBytes);
  let existing = {};
  try { existing = JSON.parse(picker.dataset.episodes || "{}"); } catch { existing = {}; }
  // Each chosen file: { file, number, state: "ready" | "sending" | "sent" | "error", row, … }
  let items = [];
  let sending = false;

  function refusal(file) {
    const ext = extensionOf(file.name);
    if (AUDIO.includes(ext)) return "An audio file: memories.ai extracts screenplays from video only.";
    if (IMAGE.includes(ext)) return "An image: memories.ai extracts screenplays from video only.";
    if (!VIDEO.includes(ext)) return "Not a video format memories.ai accepts (" + VIDEO.join(", ").toUpperCase() + ").";
    if (file.size > maxBytes) return "Larger than this server accepts (" + picker.dataset.maxSize + ").";
    if (file.size === 0) return "The file is empty.";
    return null;
  }

  function addFiles(files) {
    for (const file of files) {
      if (items.some((item) => item.file.name === file.name && item.file.size === file.size && item.state !== "sent")) continue;
      items.push({ file, number: guessEpisode(file.name), state: "ready", refusal: refusal(file) });
    }
    items.sort((a, b) => (a.number ?? 1e9) - (b.number ?? 1e9) || a.file.name.localeCompare(b.file.name));
    render();
  }

  // The checks that keep Upload disabled, per item; warnings do not.
  function check(item) {
    if (item.refusal) return { error: item.refusal };
    if (!Number.isInteger(item.number) || item.number < 1 || item.number > 100000) return { error: "Enter the episode number." };
    const twins = items.filter((other) => other !== item && other.state !== "sent" && !other.refusal && other.number === item.number);
    if (twins.length > 0) return { error: "Another file is also episode " + item.number + "." };
    if (String(item.number) in existing) {
      const title = existing[String(item.number)];
      return { warning: "Replaces the video of episode " + item.number + (title ? " (" + title + ")" : "") + "." };
    }
    return { ok: "New episode " + item.number + "." };
  }

  // Rebuilds the rows (files added, removed, or sent); `refresh` then fills in the checks.
  function render() {
    preview.hidden = items.length === 0;
    rowsBody.replaceChildren();
    for (const item of items) {
      const row = element("tr");
      item.row = row;
      const numberCell = element("td");
      const number = element("input");
      number.type = "number";
      number.min = "1";
      number.max = "100000";
      number.className = "episode-number";
      number.value = item.number ?? "";
      number.setAttribute("aria-label", "Episode number for " + item.file.name);
      number.disabled = item.state !== "ready" || Boolean(item.refusal);
      // Only the checks change while typing, so focus and Tab order survive.
      number.addEventListener("input", () => {
        const value = parseInt(number.value, 10);
        item.number = Number.isNaN(value) ? null : value;
        refresh();
      });
      numberCell.append(number);
      item.checkCell = element("td");
      const progressCell = element("td");
      const bar = element("progress", "progress", "");
      bar.max = 100;
      bar.value = item.percent || 0;
      item.bar = bar;
      progressCell.append(bar);
      const actions = element("td", "actions");
      if (item.state === "ready" || item.state === "error") {
        const remove = element("button", "link", "Remove");
        remove.type = "button";
        remove.addEventListener("click", () => { items = items.filter((other) => other !== item); render(); });
        actions.append(remove);
      }
      if (item.state === "error" && item.retryable) {
        const again = element("button", "", "Try again");
        again.type = "button";
        again.addEventListener("click", () => { item.state = "ready"; item.message = ""; item.percent = 0; render(); });
        actions.append(again);
      }
      if (item.state === "sending" && item.xhr) {
        const stop = element("button", "link", "Stop");
        stop.type = "button";
        stop.addEventListener("click", () => item.xhr.abort());
        actions.append(stop);
      }
      row.append(element("td", "", item.file.name), element("td", "num", formatBytes(item.file.size)), numberCell, item.checkCell, progressCell, actions);
      rowsBody.append(row);
    }
    refresh();
  }

  function refresh() {
    let sendable = 0, blocked = 0;
    for (const item of items) {
      const verdict = item.state === "ready" ? check(item) : {};
      if (item.state === "ready" && !item.refusal) { if (verdict.error) blocked += 1; else sendable += 1; }
      item.row.className = verdict.error ? "row-error" : "";
      item.checkCell.replaceChildren();
      if (item.state === "ready") {
        if (verdict.error) item.checkCell.append(element("div", "field-error", verdict.error));
        else if (verdict.warning) item.checkCell.append(element("div", "warn-text", verdict.warning));
        else item.checkCell.append(element("span", "ok-text", verdict.ok));
      } else item.checkCell.append(element("span", item.state === "error" ? "field-error" : "muted", item.message || ""));
    }
    const refused = items.filter((item) => item.refusal).length;
    const parts = [];
    if (sendable) parts.push(sendable + (sendable === 1 ? " file ready" : " files ready"));
    if (blocked) parts.push(blocked + " to fix");
    if (refused) parts.push(refused + " not sent (see Check)");
    summary.textContent = parts.join(" · ");
    start.disabled = sending || sendable === 0 || blocked > 0;
    start.textContent = sendable > 0 ? "Upload " + sendable + (sendable === 1 ? " file" : " files") : "Upload";
  }

  function send(item) {
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      item.xhr = xhr;
      item.state = "sending";
      item.message = "Sending to this server…";
      render();
      const url = picker.dataset.uploadUrl + "?episode=" + encodeURIComponent(item.number) + "&name=" + encodeURIComponent(item.file.name);
      xhr.open("POST", url);
      xhr.setRequestHeader("X-CSRF-Token", csrf);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.setRequestHeader("Content-Type", item.file.type || "application/octet-stream");
      xhr.upload.addEventListener("progress", (event) => {
        if (!event.lengthComputable) return;
        item.percent = Math.floor((event.loaded / event.total) * 100);
        if (item.bar) { item.bar.value = item.percent; item.bar.textContent = item.percent + "%"; }
      });
      const fail = (message, retryable) => {
        item.state = "error";
        item.message = message;
        item.retryable = retryable;
        item.percent = 0;
      };
      xhr.addEventListener("load", () => {
        let body = null;
        try { body = JSON.parse(xhr.responseText); } catch { body = null; }
        if (xhr.status === 201 && body) {
          item.state = "sent";
          item.percent = 100;
          item.message = "Received; sending to memories.ai (see Uploads below).";
          existing[String(item.number)] = existing[String(item.number)] ?? "";
          showInList(body);
        } else {
          const message = body && body.error ? body.error.message : "The server answered " + xhr.status + ".";
          fail(message, xhr.status >= 500 || xhr.status === 400 || xhr.status === 403);
        }
      });
      xhr.addEventListener("error", () => fail("The connection was lost; nothing was kept. Try again.", true));
      xhr.addEventListener("abort", () => fail("Stopped; nothing was kept.", true));
      xhr.addEventListener("loadend", () => { item.xhr = null; render(); resolve(); });
      xhr.send(item.file);
    });
  }

  async function sendAll() {
    sending = true;
    render();
    const queue = items.filter((item) => item.state === "ready" && !check(item).error);
    const worker = async () => {
      while (queue.length > 0) await send(queue.shift());
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, queue.length) }, worker));
    sending = false;
    render();
  }

  input.addEventListener("change", () => { addFiles(input.files); input.value = ""; });
  for (const type of ["dragenter", "dragover"]) {
    drop.addEventListener(type, (event) => { event.preventDefault(); drop.classList.add("dragging"); });
  }
  for (const type of ["dragleave", "drop"]) {
    drop.addEventListener(type, () => drop.classList.remove("dragging"));
  }
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files) addFiles(event.dataTransfer.files);
  });
  start.addEventListener("click", () => { if (!sending) sendAll(); });
  clear.addEventListener("click", () => {
    items = items.filter((item) => item.state === "sending");
    render();
  });
  window.addEventListener("beforeunload", (event) => {
    if (items.some((item) => item.state === "sending")) { event.preventDefault(); event.returnValue = ""; }
  });
}
