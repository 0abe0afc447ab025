// 核对数字 (templates/exchange/admin/confirm_figures.html): 全选 ticks every row; the number ticked is shown by 全部确认.
document.addEventListener("DOMContentLoaded", () => {
  const all = document.querySelector("[data-select-all]");
  const count = document.querySelector("[data-selected-count]");
  const boxes = [...document.querySelectorAll("[data-row-select]")];
  if (!all) return;

  const show = () => {
    const ticked = boxes.filter((box) => box.checked).length;
    all.checked = ticked > 0 && ticked === boxes.length;
    all.indeterminate = ticked > 0 && ticked < boxes.length;
    count.textContent = ticked ? `已勾选 ${ticked} 行。` : "";
  };
  all.addEventListener("change", () => {
    boxes.forEach((box) => {
      box.checked = all.checked;
    });
    show();
  });
  boxes.forEach((box) => box.addEventListener("change", show));
  show();
});
