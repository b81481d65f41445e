/** Test kit: the local fake Notion API, for this package's tests, the server's and the benchmark. */
export * from './testing/fake-notion-server.js';
