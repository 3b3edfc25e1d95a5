// XML for Open311. GeoReport v2 defines its JSON as the Spark-convention mapping of its XML, so
// every answer is built once as the JSON value and written out as XML here: an object becomes
// child elements in key order, an array becomes a wrapper holding one element per item, named by
// the specification's singular (<services><service>, <attributes><attribute>, <formats><format>),
// null becomes an empty element. No dependency: the output is small, flat and schemaless.

export type SparkValue = string | number | boolean | null | SparkValue[] | { [key: string]: SparkValue };

/** The element name of one item of each array the specification defines. */
const SINGULAR: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
};

// Characters XML 1.0 cannot carry at all (even escaped): C0 controls but tab, LF and CR; lone
// surrogates; U+FFFE and U+FFFF. Input is validated, but an answer must stay well-formed anyway.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text safe inside an element or an attribute value. */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function element(name: string, value: SparkValue): string {
  if (!NAME.test(name)) throw new Error(`not an XML element name: ${name}`);
  if (value === null) return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = SINGULAR[name];
    if (!item) throw new Error(`no singular known for the array ${name}`);
    return `<${name}>${value.map((v) => element(item, v)).join('')}</${name}>`;
  }
  if (typeof value === 'object') return `<${name}>${Object.entries(value).map(([k, v]) => element(k, v)).join('')}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** The whole document: the declaration the specification requires, then `root` holding `value`. */
export function toXml(root: string, value: SparkValue): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value)}\n`;
}
