// The dashboard's chart of items done over time, loaded only when it is drawn.
//
// Built from rx.recharts, the page imported recharts with its own module (93 KiB brotli of the
// dashboard's 405 KB page chunk), so every visit evaluated it during hydration, and a learner
// with fewer than two days of activity sees no chart at all. pages/dashboard/activity.py imports
// this module lazily instead (a NoSSRComponent); it draws what rx.recharts drew: an area chart
// in the theme's colours (recharts' default grey grid glares in dark mode).
import { jsx } from "@emotion/react";
import {
  Area,
  AreaChart,
  CartesianGrid,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

const TOOLTIP = {
  contentStyle: { background: "var(--gray-1)", borderColor: "var(--gray-4)", borderRadius: "8px" },
  cursor: { strokeWidth: 1, fill: "var(--gray-3)" },
  itemStyle: { color: "var(--gray-12)" },
  labelStyle: { color: "var(--gray-11)" },
};

export default function CompletionChart({ points }) {
  return jsx(
    ResponsiveContainer,
    { height: 240, minHeight: 10, minWidth: 10, width: "100%" },
    jsx(
      AreaChart,
      { data: Array.isArray(points) ? points : [], height: "100%", width: "100%" },
      jsx(CartesianGrid, { stroke: "var(--gray-6)", strokeDasharray: "3 3" }),
      jsx(Area, {
        activeDot: { stroke: "var(--accent-2)", fill: "var(--accent-10)" },
        dataKey: "done",
        fill: "var(--accent-5)",
        stroke: "var(--accent-9)",
        type: "monotone",
      }),
      jsx(XAxis, { dataKey: "date", stroke: "var(--gray-10)" }),
      jsx(YAxis, { allowDecimals: false, stroke: "var(--gray-10)" }),
      jsx(Tooltip, TOOLTIP),
    ),
  );
}
