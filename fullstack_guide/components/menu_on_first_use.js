// A Radix Themes dropdown menu whose root mounts the first time the learner reaches for it.
//
// Every checklist row has a status menu, and each DropdownMenu.Root is about 30 React components
// (providers, popper, portal, presence) that /checklist hydrated for 30 rows, though a learner
// opens few of them. Until first use this renders its first child alone: a button that looks and
// reads exactly as the menu's trigger does. Then it renders DropdownMenu.Root around the other
// children (the trigger and the content), with the props it was given:
// - a press (primary button) or Enter / Space / ArrowDown mounts it open, as the trigger would;
// - a focus (Tab) mounts it closed and moves focus to the real trigger, so the keys that follow
//   are Radix's own.
import { Children, createElement, useLayoutEffect, useRef, useState } from "react";
import { DropdownMenu } from "@radix-ui/themes";

const OPENING_KEYS = new Set(["Enter", " ", "ArrowDown"]);

export function DropdownMenuOnFirstUse({ children, ...rootProps }) {
  const [stand_in, ...menu] = Children.toArray(children);
  // null until first use; then "open" (pressed) or "focus" (focused).
  const [use, setUse] = useState(null);
  const box = useRef(null);
  useLayoutEffect(() => {
    if (use === "focus") box.current?.querySelector("button")?.focus();
  }, [use]);
  // Until first use, the span listens for the learner reaching for the menu; after it, Radix's
  // trigger inside does. The span itself stays, so React keeps the same element.
  const reaching =
    use !== null
      ? {}
      : {
          onPointerDown: (event) => {
            if (event.button !== 0 || event.ctrlKey) return;
            // As Radix's trigger does: the opened menu takes focus, not the button.
            event.preventDefault();
            setUse("open");
          },
          onKeyDown: (event) => {
            if (!OPENING_KEYS.has(event.key)) return;
            event.preventDefault();
            setUse("open");
          },
          onFocus: () => setUse("focus"),
        };
  return createElement(
    "span",
    { ref: box, className: "menu-on-first-use", ...reaching },
    use === null
      ? stand_in
      : createElement(DropdownMenu.Root, { ...rootProps, defaultOpen: use === "open" }, ...menu),
  );
}
