// DescribedScriptTests.swift: a script that returns {description, params, outputs, run}: its
// header read without running it, --param text converted to the declared types, defaults, and
// errors that name the parameter.
import Lua
import Scripting
import XCTest

final class DescribedScriptTests: XCTestCase {
    private let header = """
        return {
          description = "Keyword trends by year",
          params = {
            { name = "top", type = "integer", default = 20, help = "keywords to chart" },
            { name = "share", type = "number", default = 0.5 },
            { name = "recent", type = "boolean", default = false },
            { name = "years", type = "integer[]", default = {2019, 2021} },
            { name = "label", type = "string", required = true, help = "the report's title" },
            { name = "note", type = "string" },
          },
          outputs = { "trends.md" },
          run = function(corpus, params)
            print(math.type(params.top), params.top, params.share, tostring(params.recent), #params.years,
                  params.years[1], params.label, tostring(params.note), #corpus, math.type(_G.params.top))
          end,
        }
        """

    func testDescriptionIsReadWithoutRunning() throws {
        let d = try XCTUnwrap(try ScriptRunner.describe(ScriptRequest(scriptPath: "t.lua", source: header)))
        XCTAssertEqual(d.description, "Keyword trends by year")
        XCTAssertEqual(d.outputs, ["trends.md"])
        XCTAssertEqual(d.params.map(\.name), ["top", "share", "recent", "years", "label", "note"])
        XCTAssertEqual(d.params.map(\.typeName), ["integer", "number", "boolean", "integer[]", "string", "string"])
        XCTAssertEqual(d.params[0].defaultValue, .integer(20))
        XCTAssertEqual(d.params[3].defaultValue, .array([.integer(2019), .integer(2021)]))
        XCTAssertTrue(d.params[4].required)
        XCTAssertTrue(d.parameterHelp.contains("--param top=INTEGER"))
        XCTAssertTrue(d.parameterHelp.contains("keywords to chart (default 20)"))
        XCTAssertTrue(d.parameterHelp.contains("--param years=INTEGER[]"))
        XCTAssertTrue(d.parameterHelp.contains("(default 2019,2021)"))
        XCTAssertTrue(d.parameterHelp.contains("the report's title (required)"))
    }

    func testPlainScriptIsNotRunToDescribeIt() throws {
        // Running this would fail: describing it must not run it.
        XCTAssertNil(try ScriptRunner.describe(ScriptRequest(scriptPath: "t.lua", source: "error('ran')")))
    }

    func testParametersArriveInTheirTypes() throws {
        let printed = try Fixture.printed(header, params: ["top": "5", "share": "0.25", "recent": "yes", "years": "2000, 2001,2002", "label": "Trends"])
        XCTAssertEqual(printed, ["integer\t5\t0.25\ttrue\t3\t2000\tTrends\tnil\t3\tinteger"])
    }

    func testDefaultsFillIn() throws {
        let printed = try Fixture.printed(header, params: ["label": "x"])
        XCTAssertEqual(printed, ["integer\t20\t0.5\tfalse\t2\t2019\tx\tnil\t3\tinteger"])
    }

    private func parameterError(_ params: [String: String]) -> String {
        do {
            _ = try Fixture.run(header, params: params)
            return "(no error)"
        } catch ScriptFailure.parameters(let e) {
            return e.description
        } catch {
            return "wrong error: \(error)"
        }
    }

    func testParameterErrorsNameTheParameter() {
        XCTAssertEqual(parameterError(["label": "x", "top": "ten"]), "--param top=ten: 'top' takes an integer, and 'ten' is not one")
        XCTAssertEqual(parameterError(["label": "x", "share": "half"]), "--param share=half: 'share' takes a number, and 'half' is not one")
        XCTAssertEqual(parameterError(["label": "x", "recent": "maybe"]),
                       "--param recent=maybe: 'recent' takes a boolean (true or false), and 'maybe' is not one")
        XCTAssertEqual(parameterError(["label": "x", "years": "2000,x"]),
                       "--param years=2000,x: 'years' takes a comma-separated list of integers, and 'x' is not one")
        XCTAssertEqual(parameterError(["label": "x", "topp": "3"]),
                       "--param topp: the script has no parameter 'topp' (did you mean 'top'?); parameters are top, share, recent, years, label, note")
        XCTAssertEqual(parameterError([:]), "--param label=...: 'label' is required (string: the report's title)")
    }

    func testInvalidHeaderFailsTheRun() {
        do {
            _ = try Fixture.run("return { description = 1, run = 'no' }")
            XCTFail("the run should fail")
        } catch ScriptFailure.description(let e) {
            XCTAssertEqual(e.problems, ["'run' must be a function (run = function(corpus, params) ... end), not a string",
                                        "'description' must be a string, not an integer"])
        } catch {
            XCTFail("wrong error: \(error)")
        }
    }

    func testPlainScriptsStillSeeStrings() throws {
        XCTAssertEqual(try Fixture.printed("print(type(params.top), params.top)", params: ["top": "7"]), ["string\t7"])
    }

    func testErrorsInsideRunPointAtTheScriptLine() {
        let message = Fixture.failure("return {\n  description = 'x',\n  run = function(corpus)\n    error('stop here')\n  end,\n}")
        XCTAssertEqual(message, "test.lua:4: stop here")
    }
}
