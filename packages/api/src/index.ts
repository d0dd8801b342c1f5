/** @module @kaoping/api — built in its own issue; kept so the layer exists and dependencies point one way. */
export {}
