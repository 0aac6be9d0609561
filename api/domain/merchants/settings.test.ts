import { describe, expect, it } from "vitest";
import { settingsOf, settingsPatchSchema } from "./settings.ts";

describe("merchant settings", () => {
  it("fills every section with its default when nothing is stored", () => {
    const settings = settingsOf(null);
    expect(settings.shipping).toBeNull();
    expect(settings.payments).toEqual({ provider: "sandbox", windowMinutes: 30, credentials: {} });
    expect(settings.handoff).toEqual({ complaintSlaHours: 24, ticketSlaHours: 48, renotifyMinutes: 5, autoAssign: true });
    expect(settings.cannedResponses).toEqual([]);
  });

  it("keeps the valid fields of a damaged section and defaults the rest, without hiding the other sections", () => {
    const settings = settingsOf({
      payments: { provider: "bitcoin", windowMinutes: 15, credentials: {} },
      handoff: { complaintSlaHours: -3, autoAssign: false },
      widget: { color: "#112233" },
    });
    expect(settings.payments).toMatchObject({ provider: "sandbox", windowMinutes: 15 });
    expect(settings.handoff).toEqual({ complaintSlaHours: 24, ticketSlaHours: 48, renotifyMinutes: 5, autoAssign: false });
    expect(settings.widget).toEqual({ color: "#112233" });
  });

  it("reads the handoff fields earlier versions kept at the top level", () => {
    expect(settingsOf({ autoAssign: false, renotifyMinutes: 9 }).handoff).toMatchObject({ autoAssign: false, renotifyMinutes: 9 });
    // A saved section wins over the old field.
    expect(settingsOf({ autoAssign: false, handoff: { autoAssign: true } }).handoff.autoAssign).toBe(true);
  });

  it("treats prototype words as unknown sections", () => {
    expect(() => settingsOf(JSON.parse('{"__proto__": {"autoAssign": false}, "constructor": 1}'))).not.toThrow();
    expect(settingsOf(JSON.parse('{"__proto__": {"autoAssign": false}}')).handoff.autoAssign).toBe(true);
    expect(settingsPatchSchema.safeParse({ constructor: {} }).success).toBe(false);
  });
});
