// The 403 inside the console's frame (the one in app/[locale] would replace the console's header).
export { default } from "../forbidden";
