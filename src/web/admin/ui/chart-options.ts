import type { EChartsCoreOption } from 'echarts/core';
import type { AnalyticsReport } from '../../../analytics/analytics-report.js';
import type { Labels } from '../i18n/labels.js';

export const VOLUME_DIMENSIONS = ['channel', 'category', 'nature', 'severity'] as const;
export type VolumeDimension = (typeof VOLUME_DIMENSIONS)[number];

const PALETTE = [
  '#2680c2',
  '#3ebd93',
  '#f0b429',
  '#d64545',
  '#8662c7',
  '#40c3f7',
  '#e67635',
  '#627d98',
  '#9446ed',
  '#27ab83',
  '#bcccdc',
];

/** Every day of the range, so a quiet day shows as zero rather than vanishing from the axis. */
export function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  for (
    let at = Date.parse(`${from}T00:00:00Z`);
    at <= Date.parse(`${to}T00:00:00Z`);
    at += 86_400_000
  )
    days.push(new Date(at).toISOString().slice(0, 10));
  return days;
}

function volumeName(
  row: AnalyticsReport['volume'][number],
  by: VolumeDimension,
  labels: Labels,
): string {
  switch (by) {
    case 'channel':
      return labels.channel(row.channel);
    case 'category':
      return labels.category(row.category);
    case 'nature':
      return labels.text.nature[row.nature];
    case 'severity':
      return labels.text.severity[row.severity];
  }
}

/** Stacked bars per day, one series per value of the chosen dimension. */
export function volumeOption(
  report: AnalyticsReport,
  by: VolumeDimension,
  labels: Labels,
): EChartsCoreOption {
  const days = daysOf(report.filter.from, report.filter.to);
  const series = new Map<string, number[]>();
  for (const row of report.volume) {
    const name = volumeName(row, by, labels);
    const counts = series.get(name) ?? days.map(() => 0);
    const index = days.indexOf(row.day);
    if (index >= 0) counts[index] = (counts[index] ?? 0) + row.count;
    series.set(name, counts);
  }
  return {
    color: PALETTE,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 40, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: days.map((day) => day.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [...series].map(([name, data]) => ({ name, type: 'bar', stack: 'volume', data })),
  };
}

/** A horizontal bar per named count, largest on top. */
export function barsOption(
  items: ReadonlyArray<{ name: string; count: number }>,
): EChartsCoreOption {
  const sorted = [...items].reverse();
  return {
    color: PALETTE,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: sorted.map((item) => item.name) },
    series: [
      {
        type: 'bar',
        data: sorted.map((item) => item.count),
        label: { show: true, position: 'right' },
      },
    ],
  };
}

/** A ring of named shares. */
export function ringOption(
  items: ReadonlyArray<{ name: string; count: number; color?: string }>,
): EChartsCoreOption {
  return {
    color: PALETTE,
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0, type: 'scroll' },
    series: [
      {
        type: 'pie',
        radius: ['40%', '68%'],
        center: ['50%', '44%'],
        label: { formatter: '{c}' },
        data: items.map((item) => ({
          name: item.name,
          value: item.count,
          ...(item.color === undefined ? {} : { itemStyle: { color: item.color } }),
        })),
      },
    ],
  };
}

/** Weekday rows × hour columns, darker for more contacts. */
export function heatmapOption(report: AnalyticsReport, labels: Labels): EChartsCoreOption {
  const cells = report.dimensions.heatmap;
  const max = Math.max(1, ...cells.map((cell) => cell.count));
  return {
    tooltip: { position: 'top' },
    // Room below the hour labels for the colour scale and its end values.
    grid: { left: 8, right: 8, top: 8, bottom: 72, containLabel: true },
    xAxis: {
      type: 'category',
      data: Array.from({ length: 24 }, (_, h) => `${h}${labels.text.hour}`),
      splitArea: { show: true },
    },
    yAxis: {
      type: 'category',
      data: labels.text.weekdays,
      inverse: true,
      splitArea: { show: true },
    },
    visualMap: {
      min: 0,
      max,
      calculable: true,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      inRange: { color: ['#f0f4f8', '#2680c2', '#102a43'] },
    },
    series: [
      { type: 'heatmap', data: cells.map((cell) => [cell.hour, cell.weekday - 1, cell.count]) },
    ],
  };
}
