import "./engine.js";
const duplex = globalThis.duplex;
// A module has no document.currentScript: the servlet base is where this module was served from.
duplex._useScriptUrl(import.meta.url);
export default duplex;
export { duplex };
