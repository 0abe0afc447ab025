/* 文章工具：打印按钮，以及打印件上的打印日期。 */
(function () {
  "use strict";

  function today() {
    var now = new Date();
    return now.getFullYear() + "年" + (now.getMonth() + 1) + "月" + now.getDate() + "日";
  }

  function stampPrintDate() {
    Array.prototype.forEach.call(document.querySelectorAll(".print-date"), function (element) {
      element.textContent = "　打印日期：" + today();
    });
  }

  stampPrintDate();
  window.addEventListener("beforeprint", stampPrintDate);
  Array.prototype.forEach.call(document.querySelectorAll(".print-button"), function (button) {
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
