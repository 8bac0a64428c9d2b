import Foundation
import Optimizers
import Testing

/// Every schedule recorded from torch, replayed through `replaySchedule`.
@Suite struct SchedulerFixtureTests {
    @Test func fixturesCoverEveryReplayableScheduler() throws {
        let names = ScheduleFixture.fileNames
        let recorded = Set(try names.map { try ScheduleFixture.load($0).scheduler })
        #expect(names.count >= 12)
        #expect(recorded == Set(replayableSchedulers))
        // Both momentum-cycling schedulers have a recording of the momentum.
        let cycled = Set(try names.map { try ScheduleFixture.load($0) }.filter { $0.momentum != nil }.map(\.scheduler))
        #expect(cycled == ["CyclicLR", "OneCycleLR"])
    }

    @Test(arguments: ScheduleFixture.fileNames)
    func replaysTorchSchedule(_ fileName: String) throws {
        let fixture = try ScheduleFixture.load(fileName)
        #expect(fixture.format == "optnb-schedule/1")
        #expect(fixture.lrs.count == fixture.steps)
        let trace = try replayScheduleTrace(
            scheduler: fixture.scheduler, options: fixture.options, baseLR: fixture.baseLR,
            steps: fixture.steps, metrics: fixture.metrics)
        #expect(trace.lrs.count == fixture.steps)
        for (step, (actual, expected)) in zip(trace.lrs, fixture.lrs).enumerated() {
            let allowed = fixture.tolerance.atol + fixture.tolerance.rtol * abs(expected)
            #expect(abs(actual - expected) <= allowed, "\(fileName) step \(step): \(actual) vs torch \(expected)")
        }
        guard let momentum = fixture.momentum else { return }
        #expect(momentum.count == fixture.steps && trace.momentum?.count == fixture.steps)
        for (step, (actual, expected)) in zip(trace.momentum ?? [], momentum).enumerated() {
            let allowed = fixture.tolerance.atol + fixture.tolerance.rtol * abs(expected)
            #expect(abs(actual - expected) <= allowed, "\(fileName) momentum \(step): \(actual) vs torch \(expected)")
        }
    }
}

/// The recursive (chainable) form is what torch computes: where it rounds
/// differently from the closed form, the recordings follow the recursion.
@Suite struct SchedulerRecursiveFormTests {
    /// Schedules whose arithmetic needs no libm call (cos, pow of non-integers),
    /// so bit-for-bit agreement does not depend on the platform's math library.
    @Test(arguments: [
        "steplr.json", "multisteplr.json", "exponentiallr.json", "constantlr.json", "linearlr-warmup.json",
        "cycliclr.json", "onecyclelr-linear.json", "reducelronplateau.json",
    ])
    func reproducesTorchBitForBit(_ fileName: String) throws {
        let fixture = try ScheduleFixture.load(fileName)
        let rates = try replaySchedule(
            scheduler: fixture.scheduler, options: fixture.options, baseLR: fixture.baseLR,
            steps: fixture.steps, metrics: fixture.metrics)
        #expect(rates == fixture.lrs)
    }

    @Test func exponentialDecayIsARepeatedProductNotAPower() throws {
        let fixture = try ScheduleFixture.load("exponentiallr.json")
        #expect(fixture.options == ["gamma": .number(0.91)] && fixture.baseLR == 0.1)
        let rates = recordRates(ExponentialLR(StubOptimizer(lr: 0.1), gamma: 0.91), steps: fixture.steps)
        let closedForm = (0..<fixture.steps).map { (step: Int) -> Double in 0.1 * pow(0.91, Double(step)) }
        #expect(rates == fixture.lrs)
        #expect(closedForm != fixture.lrs)
        #expect(close(closedForm, fixture.lrs, rtol: 1e-14, atol: 0))
    }

    @Test func linearWarmupIsAProductOfRatios() throws {
        let fixture = try ScheduleFixture.load("linearlr-warmup.json")
        let scheduler = try LinearLR(StubOptimizer(lr: 0.1), startFactor: 0.1, endFactor: 1.0, totalIters: 11)
        let rates = recordRates(scheduler, steps: fixture.steps)
        let closedForm = (0..<fixture.steps).map { (step: Int) -> Double in
            let progress = Double(min(11, step))
            return 0.1 * (0.1 + 0.9 * progress / 11)
        }
        #expect(rates == fixture.lrs)
        #expect(closedForm != fixture.lrs)
    }
}
