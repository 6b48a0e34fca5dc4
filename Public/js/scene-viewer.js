// The scene viewer: enhances the server-rendered storyboard page (#storyboard) with a scene
// list beside the selected scene, keyboard navigation, text and character filters and deep
// links (#scene-3, #shot-12, #line-40). Without JavaScript, or when the JSON cannot be loaded,
// the server-rendered page stays as it is.
//
// Everything in the JSON is untrusted upstream output: it reaches the page only through
// textContent (and <option>.value); ids are built from whole numbers; class names come from
// this file; nothing is ever parsed as HTML.

const SCHEMA = "showrunner-storyboard/1";
const ANCHOR = /^#?(scene|shot|line)-(\d{1,16})$/;

// Producers' words (ShotVocabulary.swift); unknown codes are shown as written.
const SIZES = {
  ECU: "Extreme close-up", CU: "Close-up", MCU: "Medium close-up", MS: "Medium shot",
  MLS: "Medium long shot", LS: "Long shot", ELS: "Extreme long shot", TWO: "Two-shot",
  OTS: "Over the shoulder", POV: "Point of view", INSERT: "Insert",
};
const ANGLES = { eye_level: "eye level", high: "high angle", low: "low angle", overhead: "overhead", dutch: "Dutch angle" };
const KINDS = {
  dialogue: "Dialogue", voice_over: "V.O.", off_screen: "O.S.", narration: "Narration", on_screen_text: "On-screen text",
};
const ROLES = new Map([["lead", 0], ["supporting", 1], ["extra", 2]]);

const KEYS = [
  [["j", "↓"], "Next scene"],
  [["k", "↑"], "Previous scene"],
  [["n"], "Next episode"],
  [["p"], "Previous episode"],
  [["/"], "Filter scenes by text (Enter opens the first match, Esc clears)"],
  [["c"], "Filter scenes by character (Esc shows all)"],
  [["Esc"], "Clear the filters, close this help"],
  [["?"], "Show or hide this help"],
];

// ---------------------------------------------------------------------------------------
// Reading the JSON defensively: wrong types become empty values, never exceptions.

const obj = (value) => (value !== null && typeof value === "object" && !Array.isArray(value) ? value : {});
const arr = (value) => (Array.isArray(value) ? value : []);
const str = (value) => (typeof value === "string" ? value : typeof value === "number" && Number.isFinite(value) ? String(value) : "");
const whole = (value) => (Number.isSafeInteger(value) && value >= 0 ? value : null);
const seconds = (value) => (typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : null);
const idKey = (value) => (Number.isSafeInteger(value) ? String(value) : null);
const plural = (count, one, many) => `${count.toLocaleString()} ${count === 1 ? one : many}`;

function readModel(data) {
  const characters = new Map();
  for (const raw of arr(data.characters)) {
    const c = obj(raw);
    const id = idKey(c.id);
    if (id === null || characters.has(id)) continue;
    characters.set(id, { id, name: str(c.name) || str(c.key) || "Unnamed", role: str(c.role), sceneCount: 0 });
  }
  const nameOf = (id) => characters.get(id)?.name ?? "";

  // Which scene holds each anchor; the first claim wins, so ids stay unique even when the
  // data repeats a number.
  const owner = new Map();
  const claim = (prefix, number, index) => {
    if (number === null) return null;
    const anchor = `${prefix}-${number}`;
    if (owner.has(anchor)) return null;
    owner.set(anchor, index);
    return anchor;
  };

  const scenes = arr(data.scenes).filter((raw) => raw !== null && typeof raw === "object").map((rawScene, index) => {
    const s = obj(rawScene);
    const people = new Set();
    const search = [];
    let lineCount = 0;
    const readLine = (rawLine) => {
      const l = obj(rawLine);
      const speakerId = idKey(l.speakerId);
      if (speakerId !== null) people.add(speakerId);
      const speaker = str(l.speaker) || (speakerId !== null ? nameOf(speakerId) : "");
      const kind = Object.hasOwn(KINDS, str(l.kind)) ? str(l.kind) : "other";
      const line = {
        anchor: claim("line", whole(l.ordinal), index),
        speakerId, speaker, kind,
        kindLabel: str(l.kindLabel) || KINDS[kind] || str(l.kind),
        delivery: str(l.delivery),
        text: str(l.text),
        start: seconds(l.start),
        end: seconds(l.end),
        startLabel: str(l.startLabel),
        endLabel: str(l.endLabel),
      };
      lineCount += 1;
      search.push(speaker, line.delivery, line.text);
      return line;
    };
    const castIds = arr(s.characterIds).map(idKey).filter((id) => id !== null);
    for (const id of castIds) people.add(id);
    const scene = {
      index,
      number: whole(s.number),
      anchor: claim("scene", whole(s.number), index),
      heading: str(s.heading),
      start: seconds(s.start),
      end: seconds(s.end),
      startLabel: str(s.startLabel),
      endLabel: str(s.endLabel),
      summary: str(s.summary),
      castIds,
      shots: [],
      looseLines: [],
      people,
      lineCount: 0,
      search: "",
      item: null,
      link: null,
      hits: null,
      hitCount: -1,
    };
    scene.shots = arr(s.shots).map((rawShot) => {
      const sh = obj(rawShot);
      const visibleIds = arr(sh.characterIds).map(idKey).filter((id) => id !== null);
      for (const id of visibleIds) people.add(id);
      const shot = {
        number: whole(sh.number),
        anchor: claim("shot", whole(sh.number), index),
        size: str(sh.size),
        angle: str(sh.angle),
        movement: str(sh.movement),
        description: str(sh.description),
        start: seconds(sh.start),
        startLabel: str(sh.startLabel),
        endLabel: str(sh.endLabel),
        visibleIds,
        lines: [],
      };
      search.push(shot.description);
      shot.lines = arr(sh.lines).map(readLine);
      return shot;
    });
    scene.looseLines = arr(s.lines).map(readLine);
    scene.lineCount = lineCount;
    for (const id of people) {
      const character = characters.get(id);
      if (character) character.sceneCount += 1;
    }
    search.push(scene.heading, str(s.location), scene.summary, ...castIds.map(nameOf));
    // Fields are joined by a newline, which the filter box cannot contain, so a query never
    // matches across two fields.
    scene.search = search.join("\n").toLowerCase();
    return scene;
  });
  return { characters, nameOf, owner, scenes };
}

// ---------------------------------------------------------------------------------------
// DOM helpers: text only.

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null && text !== "") node.textContent = text;
  return node;
}

function anchorLink(anchor, className, text) {
  if (!anchor) return el("span", className, text);
  const link = el("a", className, text);
  link.setAttribute("href", `#${anchor}`); // built from a number
  return link;
}

function timeRange(startLabel, endLabel) {
  return startLabel || endLabel ? `${startLabel} – ${endLabel}` : "";
}

function countOccurrences(haystack, needle) {
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1 && count < 999; at = haystack.indexOf(needle, at + needle.length)) count += 1;
  return count;
}

function isFormField(node) {
  return node instanceof Element && (node.closest("input, textarea, select, [contenteditable]:not([contenteditable='false'])") !== null);
}

/// A same-origin path from a data attribute, or null.
function sameOriginPath(value) {
  if (!value) return null;
  try {
    const url = new URL(value, window.location.href);
    if (url.origin !== window.location.origin) return null;
    return url.pathname + url.search;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------

class SceneViewer {
  constructor(root, model) {
    this.root = root;
    this.model = model;
    this.scenes = model.scenes;
    this.current = -1;
    this.targeted = null;
    this.rendered = new Map(); // anchor → element of the scene in the detail pane
    this.matchables = []; // [element, lower-cased text] of the detail pane, for the filter highlight
    this.terms = [];
    this.helpOpener = null;
    this.pendingFragment = null;
    this.fragmentTimer = 0;
    this.sayTimer = 0;
    this.lastStatus = "";
  }

  build() {
    const viewer = el("div", "viewer");
    viewer.append(this.buildToolbar(), this.buildPanes(), this.buildHelp());
    this.viewer = viewer;

    const serverScenes = this.root.querySelector("#scenes");
    if (serverScenes) {
      // The server-rendered list stays for printing (storyboard.css shows it in @media print)
      // but loses its ids to the viewer, so every fragment resolves to the viewer's element
      // and no id is in the document twice. Hidden first, so this costs no layout.
      serverScenes.hidden = true;
      for (const node of serverScenes.querySelectorAll("[id]")) node.removeAttribute("id");
      serverScenes.after(viewer);
    } else {
      this.root.append(viewer);
    }
    this.root.classList.add("is-enhanced");

    viewer.addEventListener("click", (event) => this.onClick(event));
    document.addEventListener("keydown", (event) => this.onKey(event));
    window.addEventListener("hashchange", () => {
      // The address changed under us (a comment link, an edited URL): it wins over a pending update.
      clearTimeout(this.fragmentTimer);
      this.pendingFragment = null;
      this.followHash();
    });
    window.addEventListener("pagehide", () => this.flushFragment());
    this.updateStatus(0, 0);
  }

  buildToolbar() {
    const bar = el("div", "viewer-toolbar");
    bar.setAttribute("role", "search");
    bar.setAttribute("aria-label", "Filter scenes");

    const textLabel = el("label", "viewer-field viewer-field-text");
    textLabel.append(el("span", "viewer-field-label", "Filter"));
    const filter = el("input", "viewer-filter");
    filter.type = "search";
    filter.id = "viewer-filter";
    filter.placeholder = "Text, speaker, shot… ( / )";
    filter.autocomplete = "off";
    filter.spellcheck = false;
    filter.setAttribute("aria-describedby", "viewer-status");
    textLabel.append(filter);
    filter.addEventListener("input", () => this.applyFilters());
    filter.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        if (filter.value) { filter.value = ""; this.applyFilters(); } else this.focusCurrent();
      } else if (event.key === "Enter") {
        event.preventDefault();
        this.openFirstVisible();
      }
    });

    const castLabel = el("label", "viewer-field viewer-field-cast");
    castLabel.append(el("span", "viewer-field-label", "Character"));
    const cast = el("select", "viewer-character");
    cast.id = "viewer-character";
    const all = el("option", null, "All characters");
    all.value = "";
    cast.append(all);
    const characters = [...this.model.characters.values()].filter((c) => c.sceneCount > 0);
    const rank = (c) => ROLES.get(c.role) ?? 3;
    characters.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
    for (const character of characters) {
      const option = el("option", null, `${character.name} (${plural(character.sceneCount, "scene", "scenes")})`);
      option.value = character.id;
      cast.append(option);
    }
    castLabel.append(cast);
    cast.addEventListener("change", () => this.applyFilters());
    cast.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        if (cast.value) { cast.value = ""; this.applyFilters(); } else this.focusCurrent();
      }
    });

    const status = el("p", "viewer-status");
    status.id = "viewer-status";
    status.setAttribute("aria-live", "polite");

    const help = el("button", "viewer-help-button", "Keys ");
    help.type = "button";
    help.setAttribute("aria-keyshortcuts", "?");
    help.append(el("kbd", null, "?"));
    help.addEventListener("click", () => this.toggleHelp());

    bar.append(textLabel, castLabel, status, help);
    this.filter = filter;
    this.cast = cast;
    this.status = status;
    return bar;
  }

  buildPanes() {
    const panes = el("div", "viewer-panes");

    const nav = el("nav", "viewer-list");
    nav.setAttribute("aria-label", "Scenes");
    // Divs with list roles, not <ol>/<li>: Chromium renumbers list items one by one when
    // many are hidden at once, which made hiding 1,000 items take half a second.
    const list = el("div", "scene-list");
    list.setAttribute("role", "list");
    const fragment = document.createDocumentFragment();
    for (const scene of this.scenes) fragment.append(this.sceneItem(scene));
    list.append(fragment);
    this.empty = el("p", "viewer-empty empty", "No scene matches the filters.");
    this.empty.hidden = true;
    nav.append(list, this.empty);

    const detail = el("section", "viewer-detail");
    detail.setAttribute("aria-labelledby", "viewer-detail-title");

    panes.append(nav, detail);
    this.listPane = nav;
    this.detail = detail;
    return panes;
  }

  sceneItem(scene) {
    const item = el("div", "scene-item");
    item.setAttribute("role", "listitem");
    // A link to #scene-N (copy, open in a new tab); a button in the odd case of a scene
    // without a usable number.
    const link = scene.anchor ? anchorLink(scene.anchor, "scene-link") : el("button", "scene-link");
    if (!scene.anchor) link.type = "button";
    link.dataset.index = String(scene.index);
    const top = el("span", "scene-link-top");
    top.append(el("span", "scene-number", scene.number === null ? "?" : String(scene.number)));
    top.append(el("span", "scene-slug", scene.heading || "Untitled scene"));
    link.append(top);
    const time = timeRange(scene.startLabel, scene.endLabel);
    if (time) link.append(el("span", "scene-time timecode", time));
    const names = scene.castIds.map(this.model.nameOf).filter(Boolean).join(", ");
    if (names) link.append(el("span", "scene-cast", names));
    const counts = el("span", "scene-counts", `${plural(scene.shots.length, "shot", "shots")} · ${plural(scene.lineCount, "line", "lines")}`);
    const hits = el("span", "scene-hits");
    hits.hidden = true;
    counts.append(hits);
    link.append(counts);
    item.append(link);
    scene.item = item;
    scene.link = link;
    scene.hits = hits;
    return item;
  }

  buildHelp() {
    const dialog = el("dialog", "viewer-help");
    dialog.setAttribute("aria-labelledby", "viewer-help-title");
    const body = el("div", "viewer-help-body");
    body.append(el("h2", null, "Keyboard shortcuts"));
    body.firstChild.id = "viewer-help-title";
    const keys = el("dl", "viewer-keys");
    for (const [names, meaning] of KEYS) {
      const dt = el("dt");
      names.forEach((name, i) => {
        if (i > 0) dt.append(" or ");
        dt.append(el("kbd", null, name));
      });
      keys.append(dt, el("dd", null, meaning));
    }
    body.append(keys);
    body.append(el("p", "hint", "Keys do nothing while you type in a field or hold Ctrl, Alt or ⌘. The address bar always links to the selected scene, shot or line (#scene-3, #shot-12, #line-40): copy it into chat or a comment."));
    const close = el("button", "primary", "Close");
    close.type = "button";
    close.addEventListener("click", () => dialog.close());
    body.append(close);
    dialog.append(body);
    // A click on the backdrop lands on the dialog itself (the body fills the box).
    dialog.addEventListener("click", (event) => { if (event.target === dialog) dialog.close(); });
    dialog.addEventListener("close", () => {
      const opener = this.helpOpener;
      this.helpOpener = null;
      if (opener && opener.isConnected && typeof opener.focus === "function") opener.focus({ preventScroll: true });
    });
    this.help = dialog;
    return dialog;
  }

  // -------------------------------------------------------------------------------------
  // Selection

  /// Selects scene `index` and renders its detail; `options.anchor` targets a shot or line.
  select(index, { anchor = null, updateURL = false, scroll = "auto", focusList = false } = {}) {
    const scene = this.scenes[index];
    if (!scene) return;
    if (index !== this.current) {
      const previous = this.scenes[this.current];
      if (previous) {
        previous.link.removeAttribute("aria-current");
        previous.item.classList.remove("is-selected");
      }
      scene.link.setAttribute("aria-current", "true");
      scene.item.classList.add("is-selected");
      this.current = index;
      this.renderDetail(scene);
      this.revealInList(scene);
    }
    if (focusList) scene.link.focus({ preventScroll: true });

    const target = anchor && anchor !== scene.anchor ? this.rendered.get(anchor) : null;
    if (this.targeted && this.targeted !== target) this.targeted.classList.remove("is-targeted");
    this.targeted = target ?? null;
    if (target) target.classList.add("is-targeted");

    if (scroll === "target" && target) {
      target.scrollIntoView({ block: "center" });
    } else if (scroll !== "none") {
      // Bring the top of the detail into view when it is above the viewport or far below:
      // beside the list, from the viewer's toolbar; under the list (narrow screens), the detail.
      const detail = this.detail.getBoundingClientRect();
      if (detail.top < 0 || detail.top > window.innerHeight * 0.6) {
        const besideList = Math.abs(this.listPane.getBoundingClientRect().top - detail.top) < 2;
        (besideList ? this.viewer : this.detail).scrollIntoView({ block: "start" });
      }
    }

    if (updateURL) this.setFragment(target ? anchor : scene.anchor, updateURL === "soon");
  }

  /// Reflects the selection in the URL. Keys update it once they pause: replaceState costs
  /// several milliseconds and browsers throttle a burst of them (a held-down j).
  setFragment(fragment, soon) {
    clearTimeout(this.fragmentTimer);
    this.pendingFragment = null;
    if (!fragment) return;
    if (soon) {
      this.pendingFragment = fragment;
      this.fragmentTimer = setTimeout(() => this.flushFragment(), 150);
    } else {
      this.pendingFragment = fragment;
      this.flushFragment();
    }
  }

  flushFragment() {
    const fragment = this.pendingFragment;
    this.pendingFragment = null;
    if (fragment && window.location.hash !== `#${fragment}`) history.replaceState(history.state, "", `#${fragment}`);
  }

  /// Scrolls the list pane (only the pane, never the page) so the scene's item is in the
  /// part of the pane that is on screen.
  revealInList(scene) {
    const pane = this.listPane;
    if (pane.scrollHeight <= pane.clientHeight) return;
    const box = pane.getBoundingClientRect();
    let top = Math.max(box.top, 0);
    let bottom = Math.min(box.bottom, window.innerHeight);
    if (bottom - top < 48) { top = box.top; bottom = box.bottom; } // the pane is off screen
    const item = scene.item.getBoundingClientRect();
    if (item.top < top) pane.scrollTop += item.top - top - 4;
    else if (item.bottom > bottom) pane.scrollTop += Math.min(item.bottom - bottom + 4, item.top - top - 4);
  }

  /// Follows the URL fragment; returns whether it named something of this storyboard.
  followHash() {
    const match = ANCHOR.exec(window.location.hash);
    if (!match) return false;
    const anchor = `${match[1]}-${match[2]}`;
    const index = this.model.owner.get(anchor);
    if (index === undefined) return false;
    this.select(index, { anchor, scroll: match[1] === "scene" ? "auto" : "target" });
    return true;
  }

  move(delta, focusList) {
    if (this.scenes.length === 0) return;
    let index = this.current;
    do { index += delta; } while (index >= 0 && index < this.scenes.length && this.scenes[index].item.hidden);
    if (index < 0 || index >= this.scenes.length) {
      if (this.scenes.every((s) => s.item.hidden)) this.say("No scene matches the filters.");
      else this.say(delta > 0 ? "This is the last scene." : "This is the first scene.");
      return;
    }
    this.select(index, { updateURL: "soon", focusList });
  }

  focusCurrent() {
    const scene = this.scenes[this.current];
    if (scene) scene.link.focus();
  }

  openFirstVisible() {
    const scene = this.scenes.find((s) => !s.item.hidden);
    if (!scene) return;
    this.select(scene.index, { updateURL: true, focusList: true });
  }

  // -------------------------------------------------------------------------------------
  // The selected scene's detail: only this scene's elements exist, built on selection.

  renderDetail(scene) {
    const { nameOf } = this.model;
    this.rendered = new Map();
    this.matchables = [];
    this.targeted = null;
    const keep = (anchor, node) => {
      if (anchor && !this.rendered.has(anchor)) {
        node.id = anchor;
        this.rendered.set(anchor, node);
      }
    };

    const article = el("article", "scene scene-detail");
    keep(scene.anchor, article);

    const head = el("header", "scene-detail-head");
    const title = el("h2", "scene-heading");
    title.id = "viewer-detail-title";
    title.append(anchorLink(scene.anchor, "anchor", scene.number === null ? "Scene" : `Scene ${scene.number}`), " ");
    title.append(el("span", "slug", scene.heading || "Untitled scene"));
    head.append(title);

    const meta = el("p", "scene-meta");
    const time = timeRange(scene.startLabel, scene.endLabel);
    if (time) meta.append(el("span", "timecode", time), " · ");
    meta.append(`${plural(scene.shots.length, "shot", "shots")} · ${plural(scene.lineCount, "line", "lines")}`);
    head.append(meta);

    // Who is in the scene, with how many lines each speaks in it.
    const spoken = new Map();
    const countLine = (line) => { if (line.speakerId !== null) spoken.set(line.speakerId, (spoken.get(line.speakerId) ?? 0) + 1); };
    for (const shot of scene.shots) shot.lines.forEach(countLine);
    scene.looseLines.forEach(countLine);
    const present = [...new Set([...scene.castIds, ...spoken.keys()])];
    if (present.length > 0) {
      const cast = el("ul", "cast-list");
      cast.setAttribute("aria-label", "Characters in this scene");
      for (const id of present) {
        const character = this.model.characters.get(id);
        const chip = el("li", character && ROLES.has(character.role) ? `cast-chip role-${character.role}` : "cast-chip", nameOf(id) || "Unlisted character");
        const lines = spoken.get(id) ?? 0;
        if (lines > 0) chip.append(el("span", "cast-lines", plural(lines, "line", "lines")));
        if (!scene.castIds.includes(id)) {
          chip.classList.add("not-visible");
          chip.setAttribute("title", "Speaks in this scene but is not listed as present");
        }
        cast.append(chip);
      }
      head.append(cast);
    }
    if (scene.summary) {
      const summary = el("p", "summary", scene.summary);
      head.append(summary);
      this.matchables.push([summary, scene.summary.toLowerCase()]);
    }
    article.append(head);

    if (scene.shots.length > 0) {
      const shots = el("ol", "shots");
      for (const shot of scene.shots) shots.append(this.shotCard(shot, keep));
      article.append(shots);
    }
    if (scene.looseLines.length > 0) {
      const loose = el("section", "loose-lines");
      loose.append(el("h3", null, "Lines outside any shot"));
      loose.append(this.lineList(scene.looseLines, keep));
      article.append(loose);
    }
    if (scene.shots.length === 0 && scene.looseLines.length === 0) {
      article.append(el("p", "empty", "This scene has no shots or lines."));
    }

    this.detail.replaceChildren(article);
    this.markMatches();
  }

  shotCard(shot, keep) {
    const card = el("li", "shot");
    keep(shot.anchor, card);
    const head = el("p", "shot-head");
    head.append(anchorLink(shot.anchor, "anchor", shot.number === null ? "Shot" : `Shot ${shot.number}`));
    const parts = [];
    if (shot.size) {
      const label = Object.hasOwn(SIZES, shot.size) ? SIZES[shot.size] : null;
      const size = el(label ? "abbr" : "span", "shot-size", shot.size);
      if (label) size.setAttribute("title", label); // our own vocabulary, not upstream text
      parts.push(size);
    }
    if (shot.angle) parts.push(el("span", "shot-angle", Object.hasOwn(ANGLES, shot.angle) ? ANGLES[shot.angle] : shot.angle));
    if (shot.movement) parts.push(el("span", "shot-movement", shot.movement.replaceAll("_", " ")));
    if (parts.length > 0) {
      const framing = el("span", "shot-framing");
      parts.forEach((part, i) => { if (i > 0) framing.append(" · "); framing.append(part); });
      head.append(" ", framing);
    }
    const time = timeRange(shot.startLabel, shot.endLabel);
    if (time) head.append(" ", anchorLink(shot.anchor, "timecode", time));
    card.append(head);
    if (shot.description) {
      const description = el("p", "shot-description", shot.description);
      card.append(description);
      this.matchables.push([card, shot.description.toLowerCase()]);
    }
    const visible = shot.visibleIds.map(this.model.nameOf).filter(Boolean);
    if (visible.length > 0) {
      const p = el("p", "visible");
      p.append(el("span", "visible-label", "Visible:"), " ", visible.join(", "));
      card.append(p);
    }
    if (shot.lines.length > 0) card.append(this.lineList(shot.lines, keep));
    return card;
  }

  lineList(lines, keep) {
    const list = el("ul", "lines");
    for (const line of lines) {
      const row = el("li", `line kind-${line.kind}`);
      keep(line.anchor, row);
      const time = el("span", "line-time");
      time.append(anchorLink(line.anchor, "timecode", line.startLabel || "–"));
      if (line.endLabel) time.append(el("span", "line-end", `– ${line.endLabel}`));
      const who = el("span", "line-who");
      const speaker = el("span", line.speaker ? "speaker" : "speaker unknown", line.speaker || "Unknown speaker");
      who.append(speaker);
      if (line.delivery) who.append(" ", el("span", "delivery", `(${line.delivery})`));
      if (line.kind !== "dialogue") who.append(" ", el("span", "kind", line.kindLabel));
      row.append(time, who, el("span", "text", line.text));
      list.append(row);
      this.matchables.push([row, `${line.speaker}\n${line.delivery}\n${line.text}`.toLowerCase()]);
    }
    return list;
  }

  // -------------------------------------------------------------------------------------
  // Filters: precomputed search text per scene, list items hidden or shown.

  applyFilters() {
    const terms = this.filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    const who = this.cast.value;
    this.terms = terms;
    let shown = 0;
    let hits = 0;
    for (const scene of this.scenes) {
      let visible = who === "" || scene.people.has(who);
      let count = 0;
      if (visible && terms.length > 0) {
        for (const term of terms) {
          const found = countOccurrences(scene.search, term);
          if (found === 0) { visible = false; break; }
          count += found;
        }
      }
      if (scene.item.hidden === visible) scene.item.hidden = !visible;
      const shownCount = visible && terms.length > 0 ? count : 0;
      if (scene.hitCount !== shownCount) {
        scene.hitCount = shownCount;
        scene.hits.hidden = shownCount === 0;
        scene.hits.textContent = shownCount === 0 ? "" : plural(shownCount, "match", "matches");
      }
      if (visible) { shown += 1; hits += count; }
    }
    this.empty.hidden = shown > 0;
    this.root.classList.toggle("is-filtered", terms.length > 0 || who !== "");
    this.updateStatus(shown, hits);
    this.markMatches();
  }

  clearFilters() {
    if (!this.filter.value && !this.cast.value) return false;
    this.filter.value = "";
    this.cast.value = "";
    this.applyFilters();
    return true;
  }

  updateStatus(shown, hits) {
    const total = this.scenes.length;
    const filtered = this.terms.length > 0 || this.cast.value !== "";
    let message = filtered ? `${shown.toLocaleString()} of ${plural(total, "scene", "scenes")}` : plural(total, "scene", "scenes");
    if (this.terms.length > 0) message += ` · ${plural(hits, "match", "matches")}`;
    this.status.textContent = message;
    this.lastStatus = message;
  }

  /// Marks the detail's shots and lines that contain every filter term.
  markMatches() {
    const terms = this.terms;
    for (const [node, text] of this.matchables) {
      node.classList.toggle("is-match", terms.length > 0 && terms.every((term) => text.includes(term)));
    }
  }

  /// A short message in the status line (first/last scene, no next episode).
  say(message) {
    this.status.textContent = message;
    clearTimeout(this.sayTimer);
    this.sayTimer = setTimeout(() => { this.status.textContent = this.lastStatus; }, 2500);
  }

  // -------------------------------------------------------------------------------------
  // Events

  onClick(event) {
    if (event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    const link = event.target instanceof Element ? event.target.closest("a[href^='#'], button.scene-link") : null;
    if (!link || !this.viewer.contains(link)) return;
    if (link.tagName === "BUTTON") {
      this.select(Number(link.dataset.index), { scroll: "auto" });
      return;
    }
    const match = ANCHOR.exec(link.getAttribute("href"));
    if (!match) return;
    const anchor = `${match[1]}-${match[2]}`;
    const index = this.model.owner.get(anchor);
    if (index === undefined) return;
    event.preventDefault();
    const inList = this.listPane.contains(link);
    this.select(index, { anchor, updateURL: true, scroll: inList ? "auto" : "none" });
  }

  onKey(event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    if (this.help.open) {
      // Escape closes the modal dialog natively.
      if (event.key === "?") { event.preventDefault(); this.help.close(); }
      return;
    }
    const target = event.target;
    if (isFormField(target)) return;
    const inList = target instanceof Element && this.listPane.contains(target);
    switch (event.key) {
      case "j": this.move(1, inList); break;
      case "k": this.move(-1, inList); break;
      case "ArrowDown":
      case "ArrowUp":
        // Arrows move between scenes on the list, the viewer or the bare page; elsewhere
        // (the review aside, Shift for selecting text) they keep scrolling as usual.
        if (event.shiftKey || !(target === document.body || target === document.documentElement || this.viewer.contains(target))) return;
        this.move(event.key === "ArrowDown" ? 1 : -1, inList);
        break;
      case "n": this.goEpisode(this.root.dataset.nextUrl, "This is the last episode."); break;
      case "p": this.goEpisode(this.root.dataset.prevUrl, "This is the first episode."); break;
      case "/": this.filter.focus(); this.filter.select(); break;
      case "c": this.openCharacters(); break;
      case "?": this.toggleHelp(); break;
      case "Escape": if (!this.clearFilters()) return; break;
      default: return;
    }
    event.preventDefault();
  }

  goEpisode(value, missing) {
    const path = sameOriginPath(value);
    if (path) window.location.assign(path);
    else this.say(missing);
  }

  openCharacters() {
    this.cast.focus();
    try { this.cast.showPicker?.(); } catch { /* not allowed here: the focused select is enough */ }
  }

  toggleHelp() {
    if (this.help.open) { this.help.close(); return; }
    this.helpOpener = document.activeElement;
    this.help.showModal();
  }
}

// ---------------------------------------------------------------------------------------

function notice(root, message) {
  const note = el("p", "viewer-notice", message);
  note.setAttribute("role", "status");
  root.prepend(note);
  root.dataset.viewer = "unavailable";
}

async function start(root) {
  performance.mark("scene-viewer:start");
  let data;
  try {
    const response = await fetch(root.dataset.jsonUrl, { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    data = await response.json();
    if (obj(data).schema !== SCHEMA || !Array.isArray(data.scenes)) throw new Error("unexpected data");
  } catch (error) {
    notice(root, "The interactive scene viewer could not load, so this is the plain storyboard. Reload the page to try again.");
    console.warn("scene viewer:", error);
    return;
  }
  performance.mark("scene-viewer:fetched");
  const model = readModel(data);
  if (model.scenes.length === 0) {
    root.dataset.viewer = "empty"; // the server's "no scenes" message says it all
    return;
  }
  const viewer = new SceneViewer(root, model);
  viewer.build();
  if (!viewer.followHash()) {
    viewer.select(0, { scroll: "none" });
    // A fragment of the page outside the viewer (#comments, #comment-4): the layout changed
    // under it, so scroll to it again.
    let id = "";
    try { id = decodeURIComponent(window.location.hash.slice(1)); } catch { /* not a valid fragment */ }
    if (id) document.getElementById(id)?.scrollIntoView();
  }
  root.dataset.viewer = "ready";
  // The episode player (episode-player.js) follows and drives the viewer.
  root.sceneViewer = viewer;
  root.dispatchEvent(new CustomEvent("sceneviewer:ready", { detail: viewer }));
  performance.mark("scene-viewer:ready");
  performance.measure("scene-viewer:build", "scene-viewer:fetched", "scene-viewer:ready");
}

const root = document.getElementById("storyboard");
if (root && root.dataset.jsonUrl) start(root);
