"""Strings of users' own data: the Upload page, the preview badge, the template, the changes."""

from __future__ import annotations

STRINGS: list[tuple[str, str, str]] = [
    # ---------------------------------------------------------------- the Upload page
    ("upload.title", "上传自己的数据", "Upload your own data"),
    (
        "upload.intro",
        "把您的数据与内置数据放在一起查看：上传 CSV 或 XLSX 文件，先看检查报告；文件有效时，"
        "本次会话的每个页面都会把它合并到内置数据之上显示，并标注为“上传”。",
        "See your figures beside the embedded data: upload a CSV or XLSX file and read the "
        "check report; when the file is valid, every page of this session shows it merged over "
        "the embedded data, marked as your upload.",
    ),
    (
        "upload.private",
        "上传的文件只用于您的预览，不会写入服务器上的数据集，{hours}小时后自动删除。",
        "Your file is only used for your preview: nothing is written to the served dataset, "
        "and it is deleted after {hours} hours.",
    ),
    ("upload.step.template", "1. 下载模板", "1. Download the template"),
    (
        "upload.template.hint",
        "模板含各列的中英文说明、取自内置数据的示例行，以及可选用的地区、指标、单位、分组和来源列表。",
        "The template explains every column in both languages, has example rows from the "
        "embedded data, and lists the areas, indicators, units, breakdowns and sources to use.",
    ),
    ("upload.template.button", "下载模板（XLSX）", "Download the template (XLSX)"),
    ("upload.step.file", "2. 上传文件", "2. Upload your file"),
    (
        "upload.drop.prompt",
        "把 CSV 或 XLSX 文件拖到这里，或",
        "Drop a CSV or XLSX file here, or",
    ),
    ("upload.drop.link", "选择文件", "choose a file"),
    ("upload.drop.limit", "最大 {size} MB", "At most {size} MB"),
    ("upload.step.report", "3. 检查报告", "3. Check report"),
    ("upload.report.empty", "尚未上传文件。", "No file uploaded yet."),
    ("upload.report.ok.title", "{filename}：检查通过", "{filename}: the file is valid"),
    (
        "upload.report.ok.summary",
        "{rows}条数据，{indicators}个指标，{areas}个地区，{years}。",
        "{rows} values, {indicators} indicators, {areas} areas, {years}.",
    ),
    (
        "upload.report.ok.preview",
        "现在各页面都在预览这份数据（仅本会话可见），标注为“上传”。",
        "Every page now previews this data (in your session only), marked as your upload.",
    ),
    ("upload.report.ok.go", "去总览查看", "See it on the overview"),
    (
        "upload.report.bad.title",
        "{filename}：发现{count}个问题，文件未载入",
        "{filename}: {count} problem(s) found; the file was not loaded",
    ),
    (
        "upload.report.bad.hint",
        "请按下表修改文件后重新上传；没有保存任何数据。下表中的“规则”和“建议”来自数据检查，以英文写出。",
        "Fix the file as the table says and upload it again; nothing was saved.",
    ),
    ("upload.report.more", "另有{count}个问题未列出。", "{count} more problem(s) not listed."),
    ("upload.col.where", "文件/工作表", "File / sheet"),
    ("upload.col.row", "行", "Row"),
    ("upload.col.column", "列", "Column"),
    ("upload.col.value", "值", "Value"),
    ("upload.col.rule", "规则", "Rule"),
    ("upload.col.suggestion", "建议", "Suggestion"),
    ("upload.changes.heading", "与内置数据相比", "Compared with the embedded data"),
    (
        "upload.changes.summary",
        "{added}条是新的数据；{replaced}条取代了内置数据中同一指标、地区、年份的首选值，"
        "其中{changed}条数值不同。",
        "{added} values are new; {replaced} take the place of the embedded preferred value "
        "for the same indicator, area and year, {changed} of them with a different value.",
    ),
    ("upload.formats.heading", "可以上传什么", "What you can upload"),
    (
        "upload.formats.files",
        "CSV（UTF-8，带或不带 BOM，或 GBK/GB18030 编码）只含 observations 各列；"
        "XLSX 可含模板的全部工作表。",
        "CSV (UTF-8 with or without BOM, or GBK/GB18030) with the observations columns; "
        "XLSX with any of the template's sheets.",
    ),
    (
        "upload.formats.areas",
        "地区可写代码、中文名、英文名、简称或旧称：540600、那曲市、那曲地区、Nagqu 都指那曲市。",
        "Areas by code, Chinese or English name, short or former name: 540600, 那曲市, "
        "那曲地区 and Nagqu all mean Nagqu.",
    ),
    (
        "upload.formats.numbers",
        "数值可带千分位或全角数字；万元、亿元、万人等单位自动换算；设为百分比格式的单元格按显示值读取。",
        "Numbers may have thousands separators or full-width digits; 万元, 亿元, 万人 and the "
        "like are converted; cells formatted as percentages are read as shown.",
    ),
    (
        "upload.formats.new",
        "新的指标、专题、来源、分组和地区可以在同一文件的相应工作表中定义。",
        "New indicators, programmes, sources, breakdowns and areas can be defined in the same "
        "file's sheets.",
    ),
    (
        "upload.formats.refused",
        "无法准确读取的内容一律拒绝并说明原因，绝不猜测。",
        "Anything that cannot be read exactly is refused with the reason, never guessed.",
    ),
    ("upload.current", "正在预览：{filename}", "Previewing: {filename}"),
    # ---------------------------------------------------------------- limits on a file
    # Problem.rule_in(lang) shows these; the English texts are the command line's messages.
    (
        "limit.file_bytes",
        "文件大小为 {size} MB，超过了上限 {limit} MB",
        "the file is {size} MB, more than the {limit} MB allowed",
    ),
    (
        "limit.file_bytes.hint",
        "请拆分成几个文件，或删除不用的工作表",
        "split it into several files, or remove unused sheets",
    ),
    (
        "limit.unpacked",
        "工作簿解压后为 {size} MB，超过了上限 {limit} MB",
        "the workbook unpacks to {size} MB, more than the {limit} MB allowed",
    ),
    (
        "limit.unpacked.hint",
        "请删除不用的工作表、图片和格式，或改为上传 CSV",
        "remove unused sheets, images and formatting, or upload the data as CSV",
    ),
    (
        "limit.shared_strings",
        "工作簿中的共享文本解压后为 {size} MB，超过了上限 {limit} MB",
        "the workbook's shared text unpacks to {size} MB, more than the {limit} MB allowed",
    ),
    (
        "limit.rows",
        "数据超过 {limit} 行（每张表的上限）",
        "more than the {limit} rows of data a table may hold",
    ),
    (
        "limit.rows.hint",
        "请按专题或年份拆分文件",
        "split the file by programme or by year",
    ),
    (
        "limit.scanned_rows",
        "工作表超过 {limit} 行（含设置了格式的空行）",
        "the sheet has more than {limit} rows, counting empty formatted rows",
    ),
    (
        "limit.scanned_rows.hint",
        "请删除数据下方的空行，或把数据复制到新的工作簿",
        "delete the empty rows below the data, or copy the data into a new workbook",
    ),
    (
        "limit.columns",
        "有 {found} 列，超过了每张表最多 {limit} 列的上限",
        "{found} columns, more than the {limit} a table may have",
    ),
    (
        "limit.columns.hint",
        "只保留模板中的列",
        "keep only the template's columns",
    ),
    (
        "limit.cells",
        "工作表超过 {limit} 个单元格（含设置了格式的空单元格）",
        "the sheet has more than {limit} cells, counting empty formatted cells",
    ),
    (
        "limit.cells.hint",
        "请删除数据右侧和下方的空行空列，或把数据复制到新的工作簿",
        "delete the empty columns and rows beside the data, or copy it into a new workbook",
    ),
    (
        "limit.cell_chars",
        "单元格有 {found} 个字符，超过了上限 {limit} 个字符",
        "a cell of {found} characters, more than the {limit} allowed",
    ),
    (
        "limit.cell_chars.hint",
        "原文只摘录数值所在的句子",
        "quote only the sentence the value was read from",
    ),
    (
        "limit.total_chars",
        "文件中的文字超过 {limit} 个字符",
        "more than {limit} characters of text in the file",
    ),
    (
        "limit.total_chars.hint",
        "请拆分文件，或缩短重复的原文",
        "split the file, or shorten the repeated quotes",
    ),
    (
        "limit.problems",
        "发现 {limit} 个问题后停止了检查",
        "the check stopped after {limit} problems",
    ),
    (
        "limit.problems.hint",
        "请先改正这些问题再检查",
        "fix these and check the file again",
    ),
    (
        "limit.value_infinite",
        "数值太大，无法作为数字保存（溢出）",
        "the value is too large to be stored as a number (it overflows)",
    ),
    (
        "limit.value_infinite.hint",
        "请检查数字的位数",
        "check the number of digits",
    ),
    (
        "limit.value_magnitude",
        "数值 {found} 超出了允许的范围 ±{limit} {unit}",
        "the value {found} is beyond the +-{limit} {unit} allowed",
    ),
    (
        "limit.value_magnitude.hint",
        "请检查数字和单位；如果数值无误，请在指标的 min/max 列中放宽范围",
        "check the digits and the unit; if the value is right, set the indicator's min/max",
    ),
    # ---------------------------------------------------------------- the shell's badge
    ("upload.badge.label", "预览上传", "Previewing upload"),
    ("upload.badge.clear", "清除", "clear"),
    (
        "upload.badge.hint",
        "您上传的数据只在本会话中与内置数据合并显示；清除后恢复内置数据。",
        "Your upload is merged over the embedded data in this session only; clear it to see "
        "the embedded data alone.",
    ),
    (
        "upload.badge.expired",
        "上传的预览已过期，已恢复内置数据。",
        "Your preview upload expired; the embedded data is shown.",
    ),
    # ---------------------------------------------------------------- what changed (Data page)
    ("changes.title", "最近一次数据更新的变化", "What changed in the latest data version"),
    (
        "changes.caption",
        "版本{version}（{time}，导入 {file}）",
        "Version {version} ({time}, import of {file})",
    ),
    (
        "changes.caption_rollback",
        "版本{version}（{time}，由{previous}回滚）",
        "Version {version} ({time}, rolled back from {previous})",
    ),
    ("changes.none", "没有记录的数据更新。", "No recorded data update."),
    ("changes.column.change", "变化", "Change"),
    ("changes.column.indicator", "指标", "Indicator"),
    ("changes.column.area", "地区", "Area"),
    ("changes.column.year", "年份", "Year"),
    ("changes.column.breakdown", "分组", "Breakdown"),
    ("changes.column.source", "来源", "Source"),
    ("changes.column.before", "原值", "Before"),
    ("changes.column.after", "新值", "After"),
    ("changes.kind.added", "新增", "added"),
    ("changes.kind.removed", "删除", "removed"),
    ("changes.kind.changed", "数值改变", "value changed"),
    ("changes.kind.preferred", "首选读数改变", "preferred reading changed"),
    ("changes.kind.corrected", "原文或备注更正", "quote or note corrected"),
    # ---------------------------------------------------------------- the template workbook
    (
        "template.readme.title",
        "西藏教育脱贫数据看板 · 数据模板",
        "Tibet education dashboard · data template",
    ),
    (
        "template.readme.intro",
        "在 observations 工作表中每行填写一个数值。"
        "其他工作表只在需要新的指标、专题、来源、分组或地区时填写。",
        "Write one value per row in the observations sheet. Fill the other sheets only when "
        "you need new indicators, programmes, sources, breakdowns or areas.",
    ),
    (
        "template.readme.examples",
        "各工作表中的示例行取自内置数据（含原文）：可以删除；保留它们也不会改变任何数据。",
        "The example rows are real rows of the embedded data, with their quotes: delete them, "
        "or keep them, re-importing them changes nothing.",
    ),
    (
        "template.readme.lists",
        "以 list_ 开头的工作表列出可用的代码：地区（代码和名称）、指标、单位、分组、来源、专题。"
        "表头的批注说明每一列。",
        "The sheets starting with list_ hold the ids to use: areas (codes and names), "
        "indicators, units, breakdowns, sources, programmes. The header comments explain each "
        "column.",
    ),
    (
        "template.readme.csv",
        "也可以只交一个 CSV 文件，列同 observations 工作表（UTF-8 或 GBK 编码）。",
        "A single CSV file with the observations columns works too (UTF-8 or GBK encoded).",
    ),
    (
        "template.readme.preview",
        "在看板的“上传”页面预览：数据只在您的会话中显示，不会保存到服务器数据中。",
        "Preview it on the dashboard's Upload page: it shows in your session only and is not "
        "saved to the served data.",
    ),
    (
        "template.readme.import",
        "部署者用 python -m dashboard import 文件.xlsx --dry-run 查看变化，去掉 --dry-run 即导入。",
        "Deployers see the changes with python -m dashboard import FILE.xlsx --dry-run, and "
        "import without --dry-run.",
    ),
    ("template.readme.header.sheet", "工作表", "Sheet"),
    ("template.readme.header.column", "列", "Column"),
    ("template.readme.header.required", "必填", "Required"),
    ("template.readme.header.note_zh", "说明", "Note (Chinese)"),
    ("template.readme.header.note_en", "英文说明", "Note"),
    ("template.readme.required_yes", "是", "yes"),
    # observations
    (
        "template.column.observations.indicator",
        "指标代码（见 list_indicators），或在 indicators 工作表中新定义的代码。",
        "Indicator id (see list_indicators), or one defined in the indicators sheet.",
    ),
    (
        "template.column.observations.area",
        "地区：6位代码、中文名、英文名、简称或旧称均可，"
        "如 540600、那曲市、那曲地区、Nagqu（见 list_areas）。",
        "Area: 6-digit code, Chinese or English name, short or former name, e.g. 540600, "
        "那曲市, 那曲地区, Nagqu (see list_areas).",
    ),
    (
        "template.column.observations.year",
        "数值所属的年份（整数）。",
        "The year the value applies to (a whole number).",
    ),
    (
        "template.column.observations.value",
        "只写数字，可带千分位（12,062）或全角数字；单位写在 unit 列。"
        "百分比写 98.33，或用百分比格式的单元格。",
        "Digits only; thousands separators (12,062) and full-width digits are fine; the unit "
        "goes in 'unit'. Percentages as 98.33, or a cell formatted as a percentage.",
    ),
    (
        "template.column.observations.unit",
        "单位；留空即指标的标准单位。万元、亿元、万人等会自动换算（见 list_units）。",
        "Unit; blank means the indicator's unit. 万元, 亿元, 万人 and the like are converted "
        "(see list_units).",
    ),
    (
        "template.column.observations.dimension",
        "分组维度代码（如 child_group）；总数留空。与 category 一起填写。",
        "Breakdown dimension id (e.g. child_group); blank for a total. Given with 'category'.",
    ),
    (
        "template.column.observations.category",
        "分组类别代码（见 list_dimensions）。",
        "Breakdown category id (see list_dimensions).",
    ),
    (
        "template.column.observations.source",
        "来源代码（见 list_sources），或在 sources 工作表中新定义。导入服务器数据时必填。",
        "Source id (see list_sources), or one defined in the sources sheet. Required to import "
        "into the served data.",
    ),
    (
        "template.column.observations.quote",
        "数值所在的原文句子，逐字摘录。",
        "The sentence the value was read from, word for word.",
    ),
    (
        "template.column.observations.note",
        "备注（英文，或唯一的备注）：口径、时点、说明。",
        "Note in English (or the only note): basis, as-of date, caveats.",
    ),
    (
        "template.column.observations.note_zh",
        "同一备注的中文（可选）：中文页面显示它，没有时显示 note。",
        "The same note in Chinese (optional): the Chinese pages show it, else 'note'.",
    ),
    (
        "template.column.observations.preferred",
        "同一指标、地区、年份有多个来源时，填 true 表示首选这一读数；一般留空。",
        "When several sources give the same indicator, area and year, 'true' makes this the "
        "preferred reading; usually blank.",
    ),
    # indicators
    (
        "template.column.indicators.indicator",
        "新指标代码：小写字母、数字和下划线，以字母开头。",
        "New indicator id: lower-case letters, digits and _, starting with a letter.",
    ),
    (
        "template.column.indicators.program",
        "所属专题代码（见 list_programs，或 programs 工作表）。",
        "Programme id (see list_programs, or the programs sheet).",
    ),
    (
        "template.column.indicators.unit",
        "标准单位（list_units 中 canonical_unit 与 unit 相同的行）。",
        "Canonical unit (the rows of list_units whose canonical_unit is the unit itself).",
    ),
    (
        "template.column.indicators.kind",
        "类型：outcome（实际结果）、standard（标准）、target（目标）、cumulative（累计）。",
        "Kind: outcome, standard, target or cumulative.",
    ),
    (
        "template.column.description_zh",
        "中文说明（可选）。",
        "Description in Chinese (optional).",
    ),
    (
        "template.column.description_en",
        "英文说明（可选）。",
        "Description in English (optional).",
    ),
    ("template.column.min", "最小值（可选）。", "Minimum (optional)."),
    (
        "template.column.max",
        "最大值（可选）；百分比默认最大100，毛入学率等可填更大的值。",
        "Maximum (optional); percentages default to 100, set more for gross enrolment rates.",
    ),
    ("template.column.decimals", "显示的小数位数（可选）。", "Decimals shown (optional)."),
    ("template.column.name_zh", "中文名称。", "Name in Chinese."),
    ("template.column.name_en", "英文名称。", "Name in English."),
    # programs, sources, dimensions, areas
    (
        "template.column.programs.program",
        "新专题代码：小写字母、数字和下划线。",
        "New programme id: lower-case letters, digits and _.",
    ),
    (
        "template.column.sources.source",
        "新来源代码：小写字母、数字和下划线。",
        "New source id: lower-case letters, digits and _.",
    ),
    ("template.column.sources.title", "文章或报告的标题。", "Title of the article or report."),
    ("template.column.sources.publisher", "发布机构或媒体。", "Publisher or outlet."),
    (
        "template.column.sources.date",
        "发布日期：YYYY-MM-DD、YYYY-MM 或 YYYY。",
        "Publication date: YYYY-MM-DD, YYYY-MM or YYYY.",
    ),
    (
        "template.column.sources.url",
        "原文链接（http:// 或 https://），没有可留空。",
        "Link to the original (http:// or https://); blank if there is none.",
    ),
    (
        "template.column.sources.via_url",
        "实际阅读的副本链接（可选）。",
        "Link to the copy that was read (optional).",
    ),
    (
        "template.column.dimensions.dimension",
        "分组维度代码，如 child_group。",
        "Breakdown dimension id, e.g. child_group.",
    ),
    (
        "template.column.dimensions.category",
        "该维度下的类别代码，如 registered_poor。",
        "Category id within the dimension, e.g. registered_poor.",
    ),
    (
        "template.column.areas.area",
        "6位代码（GB/T 2260）；只在 list_areas 中没有该地区时填写。",
        "6-digit code (GB/T 2260); only for areas missing from list_areas.",
    ),
    (
        "template.column.areas.level",
        "级别：region（自治区）、prefecture（地市）、county（县区）。",
        "Level: region, prefecture or county.",
    ),
    ("template.column.areas.parent", "上级地区代码。", "Code of the parent area."),
    (
        "template.column.areas.aliases",
        "别名或旧称，用 | 分隔。",
        "Other or former names, separated by |.",
    ),
    # ------------------------------------------ validation rules with a fixed English text
    # (pages/upload.py shows a rule or suggestion in Chinese by its English text; rules with
    # values in them are translated where contract.py gives them a key: limit_problem)
    ("upload.rule_text.column_twice", "该列出现了两次", "the column appears twice"),
    (
        "upload.rule_text.snake_case",
        "标识符用 snake_case：小写字母、数字和下划线，以字母开头",
        "ids are snake_case: lower-case letters, digits and _ , starting with a letter",
    ),
    ("upload.rule_text.names_both", "中英文名称都必须填写", "a name is required in both languages"),
    (
        "upload.rule_text.direction_hint",
        "up：越高越好；down：越低越好；none：两者皆非",
        "up: higher is better; down: lower is better; none: neither",
    ),
    (
        "upload.rule_text.not_dataset",
        "不是数据集：应为文件夹、.csv 或 .xlsx 文件",
        "not a dataset: expected a folder, .csv or .xlsx",
    ),
    (
        "upload.rule_text.no_observations_csv",
        "数据集文件夹中没有 observations.csv",
        "no observations.csv in the dataset folder",
    ),
    (
        "upload.rule_text.encoding",
        "文件既不是 UTF-8 也不是 GB18030/GBK 文本",
        "the file is neither UTF-8 nor GB18030/GBK text",
    ),
    (
        "upload.rule_text.encoding_hint",
        "在电子表格软件中另存为“CSV UTF-8”",
        "save it as 'CSV UTF-8' from your spreadsheet program",
    ),
    (
        "upload.rule_text.no_observations_sheet",
        "工作簿中没有名为 observations 的工作表",
        "the workbook has no 'observations' sheet",
    ),
    (
        "upload.rule_text.no_observations_sheet_hint",
        "把存放数值的工作表命名为 observations（见模板）",
        "name the sheet with the values 'observations' (see the template)",
    ),
    ("upload.rule_text.no_observations", "数据集中没有观测值", "the dataset has no observations"),
    (
        "upload.rule_text.pair_twice",
        "（维度，类别）组合被定义了两次",
        "the (dimension, category) pair is defined twice",
    ),
    (
        "upload.rule_text.basis_hint",
        "例如 survey、administrative、final_account、budget、year_to_date；常规口径留空",
        "e.g. survey, administrative, final_account, budget, year_to_date; "
        "leave it blank for the indicator's usual basis",
    ),
    (
        "upload.rule_text.built_missing_column",
        "生成的数据表缺少列",
        "missing column in the built table",
    ),
    (
        "upload.rule_text.built_column_type",
        "生成的数据表中列的类型不对",
        "wrong column type in the built table",
    ),
    (
        "upload.rule_text.built_empty",
        "生成的数据表中没有观测值",
        "the built table has no observations",
    ),
    (
        "upload.rule_text.preferred_twice",
        "同一键有不止一个首选读数",
        "a key has more than one preferred reading",
    ),
    ("upload.rule_text.headline_twice", "该要点指标被声明了两次", "the headline is declared twice"),
    ("upload.rule_text.file_not_found", "找不到文件", "file not found"),
    ("upload.rule_text.file_empty", "文件是空的", "the file is empty"),
    (
        "upload.rule_text.binary_csv",
        "内容是二进制数据，不是 CSV 文本文件",
        "binary content, not a CSV text file",
    ),
    (
        "upload.rule_text.not_xlsx",
        "不是 XLSX 工作簿（内容不是 zip 文件）",
        "not an XLSX workbook (content is not a zip file)",
    ),
    ("upload.rule_text.sheet_empty", "工作表是空的", "the sheet is empty"),
    ("upload.rule_text.unknown_column", "未知的列", "unknown column"),
    (
        "upload.rule_text.area_code",
        "地区代码为 6 位数字（GB/T 2260）",
        "an area code has 6 digits (GB/T 2260)",
    ),
    ("upload.rule_text.unknown_parent", "未知的上级地区代码", "unknown parent area code"),
    ("upload.rule_text.unknown_program", "未知的项目", "unknown program"),
    (
        "upload.rule_text.unit_canonical",
        "指标的单位必须是规范单位",
        "an indicator's unit must be canonical",
    ),
    ("upload.rule_text.source_id", "来源需要标识符", "a source needs an id"),
    ("upload.rule_text.source_title", "来源需要标题", "a source needs a title"),
    (
        "upload.rule_text.date_format",
        "日期格式为 YYYY、YYYY-MM 或 YYYY-MM-DD",
        "dates are YYYY, YYYY-MM or YYYY-MM-DD",
    ),
    ("upload.rule_text.not_number", "不是数字", "not a number"),
    (
        "upload.rule_text.link",
        "链接以 http:// 或 https:// 开头",
        "a link starts with http:// or https://",
    ),
    (
        "upload.rule_text.unnamed_column",
        "没有列名的列中有数值",
        "a value in a column without a name",
    ),
    (
        "upload.rule_text.unnamed_column_hint",
        "在表头行为该列命名，或删除该数值",
        "give the column a name in the header row, or delete the value",
    ),
    (
        "upload.rule_text.save_csv_utf8",
        "另存为“CSV UTF-8（逗号分隔）”",
        "save it as 'CSV UTF-8 (comma delimited)'",
    ),
    (
        "upload.rule_text.save_csv_utf8_program",
        "在电子表格软件中另存为“CSV UTF-8（逗号分隔）”",
        "save it as 'CSV UTF-8 (comma delimited)' from your spreadsheet program",
    ),
    (
        "upload.rule_text.upload_csv_xlsx",
        "请上传 .csv 或 .xlsx 文件",
        "upload a .csv or .xlsx file",
    ),
    (
        "upload.rule_text.xls",
        "无法读取旧版 Excel 97–2003（.xls）工作簿",
        "an old Excel 97–2003 (.xls) workbook cannot be read",
    ),
    (
        "upload.rule_text.xls_hint",
        "在 Excel 或 WPS 中打开，另存为 .xlsx（Excel 工作簿）",
        "open it in Excel or WPS and save it as .xlsx (Excel workbook)",
    ),
    (
        "upload.rule_text.utf16",
        "文本是 UTF-16 编码（Excel 的“Unicode 文本”），不是 CSV",
        "the text is UTF-16 (Excel's 'Unicode Text'), which is not a CSV",
    ),
    (
        "upload.rule_text.binary",
        "内容是二进制数据，不是 CSV 或 XLSX 文件",
        "binary content, not a CSV or XLSX file",
    ),
    ("upload.rule_text.upload_short", "请上传 .csv 或 .xlsx", "upload .csv or .xlsx"),
    (
        "upload.rule_text.ods",
        "无法读取 OpenDocument（.ods）电子表格",
        "an OpenDocument (.ods) spreadsheet cannot be read",
    ),
    (
        "upload.rule_text.ods_hint",
        "另存为 .xlsx（Excel 工作簿）",
        "save it as .xlsx (Excel workbook)",
    ),
    (
        "upload.rule_text.zip",
        "是 zip 文件，但不是 XLSX 工作簿",
        "a zip file that is not an XLSX workbook",
    ),
    ("upload.rule_text.not_a_file", "上传的内容不是文件", "the upload did not arrive as a file"),
    (
        "upload.rule_text.split",
        "拆分成几个文件，或删除不用的工作表",
        "split it into several files, or remove unused sheets",
    ),
    (
        "upload.rule_text.damaged",
        "上传的内容已损坏（不是 base64 编码）",
        "the upload is damaged (not base64)",
    ),
    ("upload.rule_text.value_number", "数值必须是数字", "the value must be a number"),
    (
        "upload.rule_text.value_number_hint",
        "只写数字，如 12062、12,062 或 98.33；单位写在 unit 列",
        "write digits only, e.g. 12062 or 12,062 or 98.33; put the unit in 'unit'",
    ),
    (
        "upload.rule_text.dimension_pair",
        "维度和类别要么同时填写，要么都不填",
        "dimension and category are given together or not at all",
    ),
    ("upload.rule_text.unknown_indicator", "未知的指标", "unknown indicator"),
    ("upload.rule_text.unknown_source", "未知的来源", "unknown source"),
]
