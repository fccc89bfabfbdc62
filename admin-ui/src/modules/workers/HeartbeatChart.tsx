import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useTranslation } from 'react-i18next';
import { usageHistory } from './usage-history';
import { CPU_COLOR, MEMORY_COLOR } from './UsageSparkline';

/** One stored minute of a worker's history, as the chart draws it. */
export interface HistoryPoint {
  bucket: string;
  cpuAvgPercent?: number | null;
  memoryAvgMb?: number | null;
  memoryTotalMb?: number | null;
}

const HEIGHT = 260;

/** Time (s), CPU %, memory % of total: the stored minutes, then the live heartbeats after the last one. */
function columns(history: readonly HistoryPoint[], workerId: string, memoryTotalMb: number): uPlot.AlignedData {
  const xs: number[] = [];
  const cpu: (number | null)[] = [];
  const mem: (number | null)[] = [];
  const pct = (used: number | null | undefined, total: number | null | undefined) => (used != null && total ? (used / total) * 100 : null);
  for (const s of history) {
    xs.push(Date.parse(s.bucket) / 1000);
    cpu.push(s.cpuAvgPercent ?? null);
    mem.push(pct(s.memoryAvgMb, s.memoryTotalMb ?? memoryTotalMb));
  }
  const lastStored = xs[xs.length - 1] ?? 0;
  for (const p of usageHistory.get(workerId)) {
    // Stored minutes are stamped at their start: live points inside the last one come after it.
    if (p.at / 1000 <= lastStored) continue;
    xs.push(p.at / 1000);
    cpu.push(p.cpuPercent);
    mem.push(pct(p.memoryUsedMb, memoryTotalMb));
  }
  return [xs, cpu, mem];
}

/**
 * CPU % and memory % over the chosen hours (uPlot), from the per-minute history, with the live
 * heartbeats appended as they arrive. Resizes with its box.
 */
export function HeartbeatChart(props: { history: readonly HistoryPoint[]; workerId: string; memoryTotalMb: number }) {
  const { t } = useTranslation('workers');
  const box = useRef<HTMLDivElement>(null);
  const { history, workerId, memoryTotalMb } = props;
  const cpuLabel = t('chart.cpu');
  const memLabel = t('chart.memory');

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const line = (label: string, stroke: string): uPlot.Series => ({
      label,
      stroke,
      width: 2,
      fill: `${stroke}22`,
      points: { show: false },
      spanGaps: false,
      value: (_u, v) => (v == null ? '—' : `${v.toFixed(1)} %`),
    });
    const axisStroke = getComputedStyle(el).color;
    const grid = { stroke: 'rgba(128,128,128,0.18)', width: 1 };
    const plot = new uPlot(
      {
        width: el.clientWidth || 800,
        height: HEIGHT,
        scales: { x: { time: true }, y: { range: [0, 100] } },
        axes: [
          { stroke: axisStroke, grid },
          { stroke: axisStroke, grid, values: (_u, ticks) => ticks.map((v) => `${v} %`), size: 56 },
        ],
        series: [{}, line(cpuLabel, CPU_COLOR), line(memLabel, MEMORY_COLOR)],
      },
      columns(history, workerId, memoryTotalMb),
      el,
    );
    let frame = 0;
    const stop = usageHistory.listen(workerId, () => {
      frame ||= requestAnimationFrame(() => {
        frame = 0;
        plot.setData(columns(history, workerId, memoryTotalMb));
      });
    });
    const ro = new ResizeObserver(() => plot.setSize({ width: el.clientWidth, height: HEIGHT }));
    ro.observe(el);
    return () => {
      stop();
      ro.disconnect();
      cancelAnimationFrame(frame);
      plot.destroy();
    };
  }, [history, workerId, memoryTotalMb, cpuLabel, memLabel]);

  return <div ref={box} role="img" aria-label={t('chart.label')} data-testid="heartbeat-chart" style={{ width: '100%', minHeight: HEIGHT + 40 }} />;
}
