/*
 * Cells of the data page's grid (dashboard/pages/data_table.py) drawn by the dashboard.
 *
 * NoteCell: a curator's note in the language it is written in. The grid's rows say it in
 * note_lang (dashboard/views/data.py): where a Chinese page has no Chinese note it shows the
 * English one, marked lang="en" so that a screen reader reads it as English. QuoteCell: a
 * quote marked with the language it is written in. Texts are React text children: never
 * parsed as HTML.
 */

(function () {
  "use strict";

  var components = (window.dashAgGridComponentFunctions =
    window.dashAgGridComponentFunctions || {});
  var LANGS = { en: "en", zh: "zh-CN" };

  components.NoteCell = function (props) {
    var text = props.value == null ? "" : String(props.value);
    var lang = props.data ? LANGS[props.data.note_lang] : undefined;
    return window.React.createElement("span", lang ? { lang: lang } : {}, text);
  };

  // QuoteCell: the sentence a value was read from, verbatim; marked zh-CN when it is written
  // in Chinese (a quote is never translated), so a screen reader switches voice (WCAG 3.1.2).
  var CJK = /[\u3400-\u9fff]/;
  components.QuoteCell = function (props) {
    var text = props.value == null ? "" : String(props.value);
    return window.React.createElement("span", { lang: CJK.test(text) ? "zh-CN" : "en" }, text);
  };

  components.SourceCell = function (props) {
    var data = props.data || {};
    var name = data.source_name == null ? "" : String(data.source_name);
    var link = props.value == null ? "" : String(props.value);
    if (!window.dashboardLinks.onSite(link)) {
      return window.React.createElement("span", null, name);
    }
    return window.React.createElement("a", { href: link }, name);
  };
})();
