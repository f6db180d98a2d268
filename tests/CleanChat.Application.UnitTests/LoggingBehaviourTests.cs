using CleanChat.Application.Common.Behaviours;
using CleanChat.Application.Common.Exceptions;
using MediatR;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace CleanChat.Application.UnitTests;

public class LoggingBehaviourTests
{
    [Fact]
    public async Task Unexpected_failure_is_logged_as_an_error_and_rethrown()
    {
        var logger = Substitute.For<ILogger<UnhandledExceptionBehaviour<string, Unit>>>();
        var behaviour = new UnhandledExceptionBehaviour<string, Unit>(logger);

        await Should.ThrowAsync<InvalidOperationException>(() => behaviour.Handle("request", CancellationToken.None, () => throw new InvalidOperationException("boom")));

        logger.Received(1).Log(LogLevel.Error, Arg.Any<EventId>(), Arg.Any<object>(), Arg.Any<InvalidOperationException>(), Arg.Any<Func<object, Exception?, string>>());
    }

    [Fact]
    public async Task Expected_outcomes_such_as_not_found_are_not_logged_as_errors()
    {
        var logger = Substitute.For<ILogger<UnhandledExceptionBehaviour<string, Unit>>>();
        var behaviour = new UnhandledExceptionBehaviour<string, Unit>(logger);

        await Should.ThrowAsync<NotFoundException>(() => behaviour.Handle("request", CancellationToken.None, () => throw new NotFoundException("Chat")));

        logger.DidNotReceiveWithAnyArgs().Log(default, default, default(object), default, default!);
    }

    [Fact]
    public async Task Request_over_the_threshold_is_logged_as_a_warning()
    {
        var logger = Substitute.For<ILogger<PerformanceBehaviour<string, Unit>>>();
        var behaviour = new PerformanceBehaviour<string, Unit>(logger, Options.Create(new RequestPerformanceOptions { SlowRequestThresholdMs = -1 }));

        await behaviour.Handle("request", CancellationToken.None, () => Task.FromResult(Unit.Value));

        logger.Received(1).Log(LogLevel.Warning, Arg.Any<EventId>(), Arg.Any<object>(), null, Arg.Any<Func<object, Exception?, string>>());
    }

    [Fact]
    public async Task Request_under_the_threshold_is_not_logged()
    {
        var logger = Substitute.For<ILogger<PerformanceBehaviour<string, Unit>>>();
        var behaviour = new PerformanceBehaviour<string, Unit>(logger, Options.Create(new RequestPerformanceOptions { SlowRequestThresholdMs = int.MaxValue }));

        await behaviour.Handle("request", CancellationToken.None, () => Task.FromResult(Unit.Value));

        logger.DidNotReceiveWithAnyArgs().Log(default, default, default(object), default, default!);
    }
}
