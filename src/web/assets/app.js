// Lectern's one script: it only improves pages that already work without it.
// Forms with data-confirm ask before they are sent.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
});

// The attempt timer: counts down the seconds the server said were left (its
// clock, not this one, sets the deadline) and submits the attempt just
// before the deadline, while the server still takes it.
const kSubmitEarlyMs = 2000;
function startTimer(timer) {
  const form = document.getElementById(timer.dataset.form);
  const deadline = Date.now() + Number(timer.dataset.secondsLeft) * 1000;
  let submitted = false;
  const tick = () => {
    const left = Math.max(0, deadline - Date.now());
    const seconds = Math.ceil(left / 1000);
    const h = Math.floor(seconds / 3600);
    const m = Math.floor(seconds / 60) % 60;
    const s = String(seconds % 60).padStart(2, "0");
    timer.textContent = h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
    if (left <= kSubmitEarlyMs && form && !submitted) {
      submitted = true;
      clearInterval(interval);
      form.requestSubmit();
    }
  };
  const interval = setInterval(tick, 1000);
  tick();
}
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll('[role="timer"][data-seconds-left]').forEach(startTimer);
});
