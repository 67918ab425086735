// Client features that other issues are building. Each is listed as pending (mocha's `it` without
// a callback) with the issue it waits for; when a feature lands, its test replaces the line here.
describe('features not built yet', () => {
});
