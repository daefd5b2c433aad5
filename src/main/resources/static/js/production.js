// The plant dashboard: changing the line or the shift applies the filters at once.
document.addEventListener('DOMContentLoaded', () => {
  document.querySelectorAll('#plant-filters select.auto-submit').forEach((select) => {
    select.addEventListener('change', () => select.form.requestSubmit());
  });
});
