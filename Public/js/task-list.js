// The task history refreshes itself while any listed task is still in flight.
const table = document.getElementById("task-list");
if (table && table.dataset.live === "1") {
  setTimeout(() => {
    if (!document.hidden) window.location.reload();
  }, 5000);
}
