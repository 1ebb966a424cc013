// Reflex's toast provider, with sonner fetched once the page is idle instead of with the page.
//
// rx.toast's events call refs["__toast"], which Reflex's hook sets to this module's `toast`.
// Until sonner has loaded and its Toaster is mounted, `toast` keeps every call; they are
// replayed in order then, so a toast asked for in the first second is shown, not lost. After
// that, each call goes straight to sonner's own `toast`.
import { createElement, useEffect, useState } from "react";

let sonnerToast = null;
const waiting = [];
const forward = (method) => (...args) => {
  if (sonnerToast === null) {
    waiting.push([method, args]);
    return undefined;
  }
  return (method === null ? sonnerToast : sonnerToast[method])(...args);
};
export const toast = Object.assign(forward(null), {
  success: forward("success"),
  info: forward("info"),
  warning: forward("warning"),
  error: forward("error"),
  loading: forward("loading"),
  message: forward("message"),
  dismiss: forward("dismiss"),
});

let loading = null;
const loadSonner = () => (loading ??= import("sonner"));

const whenIdle = (run) =>
  typeof window.requestIdleCallback === "function"
    ? window.requestIdleCallback(run, { timeout: 2000 })
    : window.setTimeout(run, 200);

export function LazyToaster(props) {
  const [sonner, setSonner] = useState(null);
  useEffect(() => {
    let live = true;
    whenIdle(() =>
      loadSonner().then((module) => {
        if (live) setSonner(module);
      }),
    );
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => {
    // Runs after the Toaster below has mounted and subscribed to sonner's store.
    if (sonner === null || sonnerToast !== null) return;
    sonnerToast = sonner.toast;
    for (const [method, args] of waiting.splice(0)) forward(method)(...args);
  }, [sonner]);
  return sonner === null ? null : createElement(sonner.Toaster, props);
}
