import Foundation
import Optimizers
import Replay
import Testing

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
        let fixture = try RecordedSchedules.load(fileName)
        let rates = try replaySchedule(
            scheduler: fixture.scheduler, options: fixture.options, baseLR: fixture.baseLR,
            steps: fixture.steps, metrics: fixture.metrics)
        #expect(rates == fixture.lrs)
    }

    @Test func exponentialDecayIsARepeatedProductNotAPower() throws {
        let fixture = try RecordedSchedules.load("exponentiallr.json")
        #expect(fixture.options == ["gamma": .number(0.91)] && fixture.baseLR == 0.1)
        let rates = recordRates(ExponentialLR(StubOptimizer(lr: 0.1), gamma: 0.91), steps: fixture.steps)
        let closedForm = (0..<fixture.steps).map { (step: Int) -> Double in 0.1 * pow(0.91, Double(step)) }
        #expect(rates == fixture.lrs)
        #expect(closedForm != fixture.lrs)
        #expect(close(closedForm, fixture.lrs, rtol: 1e-14, atol: 0))
    }

    @Test func linearWarmupIsAProductOfRatios() throws {
        let fixture = try RecordedSchedules.load("linearlr-warmup.json")
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
