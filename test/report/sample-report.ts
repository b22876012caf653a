// The report data both report tests render: a run of the B2B furniture-importers portrait over one
// prospect list, 35 tiered, 4 of them disqualified. Each test gives its own top prospects.
import type { ReportData } from "../../src/report/html.js";

export function sampleReport(top: ReportData["top"]): ReportData {
  return {
    title: "EU & North America furniture importers",
    portrait: {
      name: "EU & North America furniture importers",
      version: "3",
      file: "portraits/furniture-importers.yaml",
      sha256: "9f2c4e1a7b3d5f60e8a1c2b3d4e5f60718293a4b5c6d7e8f9012a3b4c5d6e7f8",
    },
    inputs: [
      { file: "leads/trade-fair-2026.csv", rows: 30, rejected: 1 },
      { file: "leads/linkedin-export.csv", rows: 7, rejected: 1 },
    ],
    asOf: "2026-03-01",
    generatedBy: "portrait 0.1.0",
    counts: { read: 37, scored: 35, rejected: 2, disqualified: 4 },
    tiers: [
      { tier: "A", count: 9 },
      { tier: "B", count: 7 },
      { tier: "C", count: 11 },
      { tier: "D", count: 4 },
      { tier: "X", count: 4 },
    ],
    segments: [
      { segment: "Trade", count: 16, tiers: { A: 6, B: 4, C: 4, D: 1, X: 1 } },
      { segment: "Retail", count: 11, tiers: { A: 1, B: 1, C: 5, D: 2, X: 2 } },
      { segment: "Projects", count: 8, tiers: { A: 2, B: 2, C: 2, D: 1, X: 1 } },
    ],
    scoreHistogram: [4, 1, 1, 2, 5, 6, 3, 4, 4, 5].map((count, i) => ({ from: i * 10, to: i * 10 + 10, count })),
    criteria: [
      { id: "target-market", label: "target market", weight: 20, pointsShare: 0.235, coverage: 1 },
      { id: "trade-buyer", label: "trade buyer", weight: 20, pointsShare: 0.205, coverage: 0.97 },
      { id: "furniture-buyer", label: "buys furniture", weight: 10, pointsShare: 0.11, coverage: 0.63 },
      { id: "decision-maker", label: "decision maker", weight: 15, pointsShare: 0.14, coverage: 0.86 },
      { id: "company-size", label: "company size", weight: 10, pointsShare: 0.095, coverage: 0.77 },
      { id: "web-traffic", label: "web traffic", weight: 5, pointsShare: 0.03, coverage: 0.49 },
      { id: "purchase-volume", label: "purchase volume", weight: 15, pointsShare: 0.13, coverage: 0.71 },
      { id: "has-website", label: "official website", weight: 5, pointsShare: 0.05, coverage: 0.94 },
      { id: "reachable-by-email", label: "email", weight: 5, pointsShare: 0.045, coverage: 0.91 },
      { id: "marketplace-seller", label: "retail-only seller", weight: -10, pointsShare: -0.04, coverage: 0.97 },
    ],
    channels: [
      { channel: "email", activity: "catalogue", count: 14 },
      { channel: "LinkedIn", activity: "case study", count: 8 },
      { channel: "phone", activity: null, count: 3 },
      { channel: "research", activity: "find the official website", count: 6 },
    ],
    top,
  };
}
