// Small pieces the pages repeat: a table head, a labelled select.
import { html, type Html } from './html.js'

/** A table head; a column written `#label` is numeric (right-aligned). */
export const thead = (...columns: string[]): Html =>
  html`<thead><tr>${columns.map(c =>
    c.startsWith('#') ? html`<th class="num">${c.slice(1)}</th>` : html`<th>${c}</th>`)}</tr></thead>`

/** A labelled select whose option `selected` is chosen. */
export const selectField = (
  id: string, label: string, options: Array<[value: string, label: string]>, selected: string | undefined
): Html =>
  html`<div><label for="${id}">${label}</label><select id="${id}" name="${id}">
${options.map(([v, l]) => html`<option value="${v}" ${v === selected ? 'selected' : ''}>${l}</option>`)}</select></div>`
