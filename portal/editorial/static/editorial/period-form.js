// 信息报送统计: show only the fields of the chosen kind of period (without this script every field shows).
document.querySelectorAll("[data-period-form]").forEach((form) => {
  const kind = form.querySelector("[name=kind]");
  const update = () => {
    form.querySelectorAll("[data-kinds]").forEach((field) => {
      const kinds = field.dataset.kinds.split(" ");
      field.hidden = field.dataset.kinds !== "" && !kinds.includes(kind.value);
    });
  };
  kind.addEventListener("change", update);
  update();
});
