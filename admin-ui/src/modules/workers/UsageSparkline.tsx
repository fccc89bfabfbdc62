import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { usageHistory } from './usage-history';
import { useSeedUsage } from './usage-seed';

/** The sparklines' colours: CPU and memory, the same in the detail chart and the legend. */
export const CPU_COLOR = '#228be6';
export const MEMORY_COLOR = '#be4bdb';

const WIDTH = 96;
const HEIGHT = 28;

/** uPlot's columns from a worker's points: time (s), CPU %, memory % of total. */
function columns(workerId: string, memoryTotalMb: number): uPlot.AlignedData {
  const pts = usageHistory.get(workerId);
  return [
    pts.map((p) => p.at / 1000),
    pts.map((p) => p.cpuPercent),
    pts.map((p) => (p.memoryUsedMb != null && memoryTotalMb > 0 ? (p.memoryUsedMb / memoryTotalMb) * 100 : null)),
  ];
}

function sparkOptions(): uPlot.Options {
  const line = (stroke: string): uPlot.Series => ({ stroke, width: 1.5, points: { show: false }, spanGaps: true });
  return {
    width: WIDTH,
    height: HEIGHT,
    padding: [2, 0, 2, 0],
    legend: { show: false },
    cursor: { show: false },
    select: { show: false, left: 0, top: 0, width: 0, height: 0 },
    axes: [{ show: false }, { show: false }],
    scales: { x: { time: true }, y: { range: [0, 100] } },
    series: [{}, line(CPU_COLOR), line(MEMORY_COLOR)],
  };
}

/**
 * A tiny CPU (blue) and memory (violet) line for one worker: drawn only once its row scrolls into
 * view, seeded from the stored history, then redrawn by each heartbeat without React rendering.
 */
export function UsageSparkline(props: { workerId: string; memoryTotalMb: number }) {
  const box = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState(false);
  const { workerId, memoryTotalMb } = props;
  useSeedUsage(workerId, visible);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        setVisible(true);
        io.disconnect();
      }
    });
    io.observe(el);
    return () => io.disconnect();
  }, []);

  useEffect(() => {
    const el = box.current;
    if (!visible || !el) return;
    const plot = new uPlot(sparkOptions(), columns(workerId, memoryTotalMb), el);
    let frame = 0;
    const redraw = () => {
      frame ||= requestAnimationFrame(() => {
        frame = 0;
        plot.setData(columns(workerId, memoryTotalMb));
      });
    };
    const stop = usageHistory.listen(workerId, redraw);
    return () => {
      stop();
      cancelAnimationFrame(frame);
      plot.destroy();
    };
  }, [visible, workerId, memoryTotalMb]);

  return <div ref={box} aria-hidden style={{ width: WIDTH, height: HEIGHT }} data-testid="usage-sparkline" />;
}
