// Live task lists (history, dashboard): one Server-Sent Events stream for the rows shown,
// updating their status, result and progress cells with textContent only. Without
// JavaScript, reloading the page shows the same.
const table = document.getElementById("task-list");
if (table && table.dataset.live === "1" && "EventSource" in window) {
  const rows = new Map();
  for (const row of table.querySelectorAll("tr[data-task-id]")) rows.set(row.dataset.taskId, row);
  if (rows.size > 0) {
    const url = table.dataset.liveUrl + "?ids=" + encodeURIComponent([...rows.keys()].join(","));
    const source = new EventSource(url);
    source.addEventListener("tasks", (message) => {
      let updates;
      try { updates = JSON.parse(message.data); } catch { return; }
      for (const update of updates) {
        const row = rows.get(String(update.id));
        if (!row) continue;
        const status = row.querySelector('[data-cell="status"]');
        if (status) { status.textContent = update.status; status.className = "badge status-" + update.statusClass; }
        const result = row.querySelector('[data-cell="result"]');
        if (result) result.textContent = update.result;
        const progress = row.querySelector('[data-cell="progress"]');
        if (progress) progress.textContent = update.progress;
      }
    });
    // "done" means nothing listed is in flight any more; any other end of the stream (the
    // server's ten-minute limit, a restart) is left to EventSource's own reconnect.
    source.addEventListener("done", () => source.close());
  }
}
