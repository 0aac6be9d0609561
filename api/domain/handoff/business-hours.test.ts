import { describe, expect, it } from "vitest";
import { isOpen, type BusinessHours } from "./business-hours.ts";

const hours: BusinessHours = { mon: ["09:00", "21:00"], tue: ["09:00", "21:00"], sat: null };

describe("business hours", () => {
  it("reads the time in the shop's own time zone", () => {
    // Monday 02:30 UTC is Monday 10:30 in Shanghai, Sunday 20:30 in Denver.
    const now = new Date("2026-11-23T02:30:00Z");
    expect(isOpen({ ...hours }, "Asia/Shanghai", now)).toBe(true);
    expect(isOpen({ ...hours }, "America/Denver", now)).toBe(false);
  });

  it("opens at the first minute and closes at the last", () => {
    expect(isOpen({ ...hours }, "UTC", new Date("2026-11-23T09:00:00Z"))).toBe(true);
    expect(isOpen({ ...hours }, "UTC", new Date("2026-11-23T20:59:00Z"))).toBe(true);
    expect(isOpen({ ...hours }, "UTC", new Date("2026-11-23T21:00:00Z"))).toBe(false);
    expect(isOpen({ ...hours }, "UTC", new Date("2026-11-28T12:00:00Z"))).toBe(false);
  });

  it("is always open when no hours are set", () => {
    expect(isOpen({}, "UTC")).toBe(true);
    expect(isOpen(null, "UTC")).toBe(true);
  });
});
