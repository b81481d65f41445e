/**
 * Progressive enhancement. After a failed submit, focus moves to the error summary so screen readers
 * start there (GOV.UK and NL Design System practice). For conditional questions: with JavaScript, a question whose condition does not
 * hold is hidden (and skipped by the keyboard); without JavaScript it stays visible with its
 * "alleen invullen als …" note. The server applies the same rule either way, so this script only improves
 * the view. Rules arrive per question as `data-visible-when='{"q":…,"v":[…]}'` or `{"q":…,"a":1}`;
 * a hidden controller counts as unanswered, like `isVisible` on the server.
 *
 * Served inline; the route allows exactly this text through a CSP hash, so keep it a constant.
 */
export const HTML_ENHANCEMENT_SCRIPT = `(function () {
  var summary = document.getElementById('foutmeldingen');
  if (summary) summary.focus();
  var form = document.querySelector('form[data-visieleren-form]');
  if (!form) return;
  var questions = Array.prototype.slice.call(form.querySelectorAll('[data-question]'));
  function answers(name) {
    var found = [];
    var inputs = form.querySelectorAll('[name="' + name + '"]');
    for (var i = 0; i < inputs.length; i++) {
      var input = inputs[i];
      if ((input.type === 'radio' || input.type === 'checkbox') && !input.checked) continue;
      var value = (input.value || '').trim();
      if (value !== '') found.push(value);
    }
    return found;
  }
  function update() {
    var hidden = {};
    questions.forEach(function (question) {
      var rule = question.getAttribute('data-visible-when');
      var show = true;
      if (rule) {
        var parsed = JSON.parse(rule);
        var current = hidden[parsed.q] ? [] : answers(parsed.q);
        show = parsed.a ? current.length > 0 : current.some(function (value) { return parsed.v.indexOf(value) >= 0; });
      }
      question.hidden = !show;
      if (!show) hidden[question.getAttribute('data-question')] = true;
    });
  }
  form.addEventListener('input', update);
  form.addEventListener('change', update);
  update();
})();`;
