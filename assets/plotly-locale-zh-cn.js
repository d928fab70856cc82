/*
 * Simplified Chinese for Plotly's own interface (mode bar, hover helpers, dates), so that
 * dcc.Graph(config={"locale": "zh-CN"}) works offline. Written for this dashboard after the
 * strings plotly.js 3 asks for (the keys are its English texts: check them against
 * plotly/package_data/plotly.min.js when plotly is upgraded). plotly.js reads
 * window.PlotlyLocales when it loads after this file (Dash loads it lazily), and
 * Plotly.register() takes it when Plotly is already there.
 */
(function () {
  "use strict";
  var locale = {
    moduleType: "locale",
    name: "zh-CN",
    dictionary: {
      Autoscale: "自动缩放",
      "Box Select": "框选",
      "Click to enter Plot title": "点击输入图表标题",
      "Click to enter X axis title": "点击输入 X 轴标题",
      "Click to enter Y axis title": "点击输入 Y 轴标题",
      "Click to enter Colorscale title": "点击输入色标标题",
      "Compare data on hover": "悬停时比较各数据",
      "Double-click on legend to isolate one trace": "双击图例只显示该系列",
      "Double-click to zoom back out": "双击还原缩放",
      "Download plot as a PNG": "下载为 PNG 图片",
      "Download plot as a png": "下载为 PNG 图片",
      "Download plot as JSON": "下载为 JSON",
      "Download plot": "下载图表",
      "Preparing image - this may take a few seconds": "正在生成图片，请稍候",
      "Image download succeeded": "图片已下载",
      "Sorry, there was a problem downloading your image!": "抱歉，下载图片时出错！",
      "Click to enter Plot subtitle": "点击输入图表副标题",
      "Erase active shape": "删除选中的形状",
      "Lasso Select": "套索选择",
      Pan: "平移",
      "Produced with Plotly.js": "由 Plotly.js 绘制",
      Reset: "重置",
      "Reset axes": "重置坐标轴",
      "Reset view": "重置视图",
      "Reset views": "重置视图",
      "Show closest data on hover": "悬停时显示最近的数据",
      "Snapshot succeeded": "截图完成",
      "Sorry, there was a problem downloading your snapshot!": "抱歉，下载截图时出错！",
      "Taking snapshot - this may take a few seconds": "正在截图，请稍候",
      "Toggle Spike Lines": "显示或隐藏辅助线",
      "Toggle show closest data on hover": "切换悬停时显示最近的数据",
      Zoom: "缩放",
      "Zoom in": "放大",
      "Zoom out": "缩小",
      "close:": "收盘：",
      "high:": "最高：",
      "low:": "最低：",
      "open:": "开盘：",
      "lat:": "纬度：",
      "lon:": "经度：",
      "max:": "最大值：",
      "mean:": "平均值：",
      "median:": "中位数：",
      "min:": "最小值：",
      "q1:": "下四分位数：",
      "q3:": "上四分位数：",
      "source:": "来源：",
      "target:": "目标：",
      trace: "系列",
      "new text": "新文本",
    },
    format: {
      days: ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"],
      shortDays: ["周日", "周一", "周二", "周三", "周四", "周五", "周六"],
      months: [
        "一月", "二月", "三月", "四月", "五月", "六月",
        "七月", "八月", "九月", "十月", "十一月", "十二月",
      ],
      shortMonths: ["1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"],
      date: "%Y-%m-%d",
      decimal: ".",
      thousands: ",",
    },
  };
  if (typeof window.Plotly !== "undefined" && window.Plotly.register) {
    window.Plotly.register(locale);
  } else {
    window.PlotlyLocales = window.PlotlyLocales || [];
    window.PlotlyLocales.push(locale);
  }
})();
