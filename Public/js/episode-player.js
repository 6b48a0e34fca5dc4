// The episode player beside the storyboard (storyboards/player.mustache), synced both ways
// with the scene viewer (scene-viewer.js):
// - clicking a scene, shot or line (its anchor or timecode) seeks the video there;
// - during playback the current scene is selected and its current shot and line are
//   highlighted and kept in view;
// - keys: space play/pause, ←/→ one second, shift+←/→ previous/next shot, , and . one frame;
// - the URL fragment #t=83.4 opens the page at that moment (written when playback pauses).
// Without the viewer (no JavaScript data, an empty run) the video still plays on its own.
// Nothing here writes HTML: text goes through textContent only.

const FRAME = 1 / 25; // frame step; browsers do not expose the frame rate
const TIME_FRAGMENT = /^#t=(\d{1,6}(?:\.\d{1,3})?)$/;
const ANCHOR_HREF = /^#(scene|shot|line)-(\d{1,16})$/;

function timecode(seconds) {
  const total = Math.max(0, Math.round(seconds * 1000));
  const ms = total % 1000;
  const s = Math.floor(total / 1000) % 60;
  const m = Math.floor(total / 60000) % 60;
  const h = Math.floor(total / 3600000);
  const two = (n) => String(n).padStart(2, "0");
  return `${two(h)}:${two(m)}:${two(s)}.${String(ms).padStart(3, "0")}`;
}

function isFormField(node) {
  return node instanceof Element && (node.isContentEditable || ["INPUT", "TEXTAREA", "SELECT", "BUTTON"].includes(node.tagName));
}

/// The last entry whose start is at or before t (entries sorted by start), or -1.
function lastAtOrBefore(entries, t) {
  let low = 0;
  let high = entries.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (entries[mid].start <= t + 0.0005) { found = mid; low = mid + 1; } else { high = mid - 1; }
  }
  return found;
}

class EpisodePlayer {
  constructor(video) {
    this.video = video;
    this.section = video.closest("#player");
    this.bar = this.section.querySelector("#player-bar");
    this.time = this.section.querySelector("#player-time");
    this.note = this.section.querySelector("#player-note");
    this.viewer = null;
    this.scenes = [];
    this.shots = [];
    this.lines = [];
    this.times = new Map(); // anchor → start seconds
    this.playing = { scene: -1, shot: null, line: null };
    this.frame = 0;
  }

  start() {
    const { video } = this;
    this.bar.hidden = false;
    const rate = this.section.querySelector("#player-rate");
    rate.addEventListener("change", () => { video.playbackRate = Number(rate.value) || 1; });
    const captions = this.section.querySelector("#player-captions");
    const track = video.textTracks[0];
    if (track) track.mode = "hidden";
    captions.addEventListener("change", () => { if (video.textTracks[0]) video.textTracks[0].mode = captions.checked ? "showing" : "hidden"; });

    video.addEventListener("timeupdate", () => this.sync());
    video.addEventListener("seeked", () => this.sync());
    video.addEventListener("play", () => this.tick());
    video.addEventListener("pause", () => this.rememberTime());
    video.addEventListener("error", () => this.unavailable());
    video.addEventListener("loadedmetadata", () => this.seekToFragment(), { once: true });
    document.addEventListener("keydown", (event) => this.onKey(event));
    window.addEventListener("hashchange", () => this.seekToFragment());

    const root = document.getElementById("storyboard");
    if (root) {
      root.addEventListener("click", (event) => this.onClick(event));
      if (root.sceneViewer) this.attach(root.sceneViewer);
      else root.addEventListener("sceneviewer:ready", (event) => this.attach(event.detail), { once: true });
    }
  }

  /// Reads the viewer's model into time-sorted lists of scenes, shots and lines.
  attach(viewer) {
    this.viewer = viewer;
    for (const scene of viewer.scenes) {
      if (scene.start !== null) {
        this.scenes.push({ start: scene.start, index: scene.index });
        if (scene.anchor) this.times.set(scene.anchor, scene.start);
      }
      for (const shot of scene.shots) {
        if (shot.start !== null) {
          this.shots.push({ start: shot.start, anchor: shot.anchor, index: scene.index });
          if (shot.anchor) this.times.set(shot.anchor, shot.start);
        }
        for (const line of shot.lines) this.addLine(line, scene.index);
      }
      for (const line of scene.looseLines) this.addLine(line, scene.index);
    }
    const byStart = (a, b) => a.start - b.start;
    this.scenes.sort(byStart);
    this.shots.sort(byStart);
    this.lines.sort(byStart);
    this.sync();
  }

  addLine(line, index) {
    if (line.start === null) return;
    this.lines.push({ start: line.start, end: line.end ?? line.start, anchor: line.anchor, index });
    if (line.anchor) this.times.set(line.anchor, line.start);
  }

  // ---------------------------------------------------------------------------------------
  // Video → storyboard

  tick() {
    // timeupdate fires about four times a second; while playing, follow every frame.
    cancelAnimationFrame(this.frame);
    const step = () => {
      this.sync();
      if (!this.video.paused && !this.video.ended) this.frame = requestAnimationFrame(step);
    };
    this.frame = requestAnimationFrame(step);
  }

  sync() {
    const t = this.video.currentTime;
    this.time.textContent = timecode(t);
    if (!this.viewer) return;
    const sceneEntry = this.scenes[lastAtOrBefore(this.scenes, t)];
    const shotEntry = this.shots[lastAtOrBefore(this.shots, t)];
    const lineEntry = this.lines[lastAtOrBefore(this.lines, t)];
    const sceneIndex = sceneEntry ? sceneEntry.index : -1;
    if (sceneIndex >= 0 && sceneIndex !== this.viewer.current) {
      // Follow playback without touching the address bar or scrolling the page.
      this.viewer.select(sceneIndex, { scroll: "none" });
      this.viewer.revealInList(this.viewer.scenes[sceneIndex]);
      this.playing.shot = null;
      this.playing.line = null;
    }
    this.mark("shot", shotEntry && shotEntry.index === sceneIndex ? shotEntry.anchor : null);
    // A line is marked while it is spoken (a shot lasts until the next one starts).
    const speaking = lineEntry && lineEntry.index === sceneIndex && t <= lineEntry.end + 0.05;
    this.mark("line", speaking ? lineEntry.anchor : null);
  }

  /// Highlights the playing shot or line of the selected scene and keeps it in view.
  mark(kind, anchor) {
    const element = anchor ? this.viewer.rendered.get(anchor) : null;
    const previous = this.playing[kind];
    if (previous === element) return;
    if (previous) previous.classList.remove("is-playing");
    this.playing[kind] = element ?? null;
    if (!element) return;
    element.classList.add("is-playing");
    if (!this.video.paused) element.scrollIntoView({ block: "nearest" });
  }

  // ---------------------------------------------------------------------------------------
  // Storyboard → video

  onClick(event) {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    const link = event.target instanceof Element ? event.target.closest("a[href^='#'], button.scene-link") : null;
    if (!link) return;
    let start;
    if (link.tagName === "BUTTON") {
      const scene = this.viewer?.scenes[Number(link.dataset.index)];
      start = scene?.start ?? undefined;
    } else {
      const match = ANCHOR_HREF.exec(link.getAttribute("href") ?? "");
      if (match) start = this.times.get(`${match[1]}-${match[2]}`);
    }
    if (start === undefined || start === null) return;
    this.seek(start);
  }

  seek(seconds) {
    const { video } = this;
    const limit = Number.isFinite(video.duration) ? video.duration : Infinity;
    video.currentTime = Math.min(Math.max(0, seconds), limit);
  }

  onKey(event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    const target = event.target;
    // The video's own controls handle keys while it has focus; forms keep theirs.
    if (target === this.video || isFormField(target) || document.querySelector("dialog[open]")) return;
    const { video } = this;
    switch (event.key) {
      case " ":
        if (video.paused) video.play().catch(() => {}); else video.pause();
        break;
      case "ArrowLeft":
      case "ArrowRight": {
        const forward = event.key === "ArrowRight";
        if (event.shiftKey) this.seekShot(forward);
        else this.seek(video.currentTime + (forward ? 1 : -1));
        break;
      }
      case ",":
      case ".":
        video.pause();
        this.seek(video.currentTime + (event.key === "." ? FRAME : -FRAME));
        break;
      default:
        return;
    }
    event.preventDefault();
  }

  seekShot(forward) {
    const t = this.video.currentTime;
    const index = lastAtOrBefore(this.shots, t);
    let next;
    if (forward) next = this.shots[index + 1];
    // Back: to the start of this shot, or of the one before when already at its start.
    else next = index >= 0 && t - this.shots[index].start > 0.25 ? this.shots[index] : this.shots[index - 1];
    if (next) this.seek(next.start);
  }

  // ---------------------------------------------------------------------------------------
  // The address and errors

  seekToFragment() {
    const match = TIME_FRAGMENT.exec(window.location.hash);
    if (match) this.seek(Number(match[1]));
  }

  rememberTime() {
    if (this.video.ended) return;
    const fragment = `#t=${this.video.currentTime.toFixed(3)}`;
    if (window.location.hash !== fragment) history.replaceState(history.state, "", fragment);
  }

  async unavailable() {
    this.video.hidden = true;
    this.bar.hidden = true;
    let message = "The video could not be played.";
    try {
      const response = await fetch(this.video.currentSrc || this.video.src, { headers: { Range: "bytes=0-0" }, credentials: "same-origin" });
      const type = response.headers.get("Content-Type") ?? "";
      if (!response.ok && type.startsWith("text/plain")) message = (await response.text()).slice(0, 300);
    } catch { /* keep the general message */ }
    this.note.textContent = `No video for this episode: ${message}`;
    this.note.hidden = false;
  }
}

const video = document.getElementById("episode-video");
if (video instanceof HTMLVideoElement) new EpisodePlayer(video).start();
