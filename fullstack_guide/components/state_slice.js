// Read one value of a Reflex substate, and re-render only when that value changes.
//
// Reflex's own useStateContext re-renders every component that reads a substate whenever any
// field of it changes: one tick re-rendered every checkbox, badge and bar of the checklist.
// This subscribes to the same store (utils/context-registry.js) through React's
// useSyncExternalStore, whose snapshot is the selected value: a primitive, so React compares
// it with Object.is and skips the render when it is unchanged.
import { useCallback, useContext, useDeferredValue, useSyncExternalStore } from "react";
import { StateStoreContext, app } from "$/utils/context-registry";

export function useStateSlice(substateName, select) {
  const store = useContext(StateStoreContext);
  const subscribe = useCallback(
    (listener) => store.subscribe(substateName, listener),
    [store, substateName],
  );
  const read = () =>
    select(store.getSnapshot(substateName) ?? app.initialState?.[substateName]);
  return useSyncExternalStore(subscribe, read, read);
}

// The same value, but a change of it renders in React's background (transition) lane: the
// component first renders again with the value it had, then with the new one in a render React
// splits into short tasks. For a flag that swaps many placeholders for their controls (the
// checklist's 30 rows when the learner's statuses arrive), so the page is not blocked while
// they all render at once: a store update alone renders synchronously, in one long task.
export function useSettledSlice(substateName, select) {
  return useDeferredValue(useStateSlice(substateName, select));
}
