// The instructor pages' confirmations: a form with data-confirm-delete asks
// first and, when the answer is yes, says so (confirmed=yes), so the server
// deletes at once instead of showing its confirmation page (which is what
// happens without JavaScript).
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.dataset.confirmDelete) return;
  if (!window.confirm(form.dataset.confirmDelete)) {
    event.preventDefault();
    return;
  }
  if (!form.querySelector('input[name="confirmed"]')) {
    const confirmed = document.createElement("input");
    confirmed.type = "hidden";
    confirmed.name = "confirmed";
    confirmed.value = "yes";
    form.append(confirmed);
  }
});
