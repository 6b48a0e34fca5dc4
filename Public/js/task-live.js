// Live updates for the task page over Server-Sent Events. Everything from the server is
// written with textContent; without JavaScript the page is simply reloaded by hand.
const root = document.getElementById("task");
if (root && root.dataset.live === "1" && "EventSource" in window) {
  const source = new EventSource(root.dataset.eventsUrl);
  source.addEventListener("task", (message) => {
    let update;
    try { update = JSON.parse(message.data); } catch { return; }
    const status = document.getElementById("task-status");
    if (status) {
      status.textContent = update.status;
      status.className = "badge status-" + update.statusClass;
    }
    // Cancelling only makes sense while upstream still works on it.
    if (update.statusClass !== "pending" && update.statusClass !== "running") {
      const cancel = document.getElementById("task-cancel");
      if (cancel) cancel.remove();
    }
    const result = document.getElementById("task-result");
    if (result) result.textContent = update.result;
    const bar = document.getElementById("task-progress");
    if (bar) { bar.value = update.progressPercent; bar.textContent = update.progressPercent + "%"; }
    const label = document.getElementById("task-progress-label");
    if (label) label.textContent = update.progressLabel;
    const timeline = document.getElementById("task-timeline");
    // The server sends only entries newer than the ones the page shows (?after=, then
    // Last-Event-ID on a reconnect).
    if (timeline) {
      for (const event of update.events) {
        const item = document.createElement("li");
        const time = document.createElement("time");
        time.textContent = event.time;
        const text = document.createElement("span");
        text.textContent = " " + event.message;
        item.append(time, text);
        if (event.actor) {
          const actor = document.createElement("span");
          actor.className = "muted";
          actor.textContent = " — " + event.actor;
          item.append(actor);
        }
        timeline.append(item);
      }
    }
    if (update.finished) {
      source.close();
      // Downloads and per-episode counts appear once the task is done: show them.
      window.location.reload();
    }
  });
}
