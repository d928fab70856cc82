/*
 * Cells of the data page's grid (dashboard/pages/data_table.py) drawn by the dashboard.
 *
 * NoteCell: a curator's note in the language it is written in. The grid's rows say it in
 * note_lang (dashboard/views/data.py): where a Chinese page has no Chinese note it shows the
 * English one, marked lang="en" so that a screen reader reads it as English. The text is a
 * React text child: never parsed as HTML.
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
})();
