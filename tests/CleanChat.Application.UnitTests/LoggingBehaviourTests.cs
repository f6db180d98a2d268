using CleanChat.Application.Common.Behaviours;
using CleanChat.Application.Common.Exceptions;
using CleanChat.Domain.Common;
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

    public static TheoryData<Exception> Refusals => new()
    {
        new RequestValidationException("content", "content is required."),
        new UnauthenticatedException("Sign in."),
        new DomainPermissionException("not_your_message", "Only the sender may edit."),
        new ForbiddenException("Staff only."),
        new NotFoundException("Chat"),
        new ConflictException("email_taken", "Already registered."),
        new DomainRuleViolationException("edit_window_expired", "Too late."),
        new TooManyAttemptsException(TimeSpan.FromMinutes(1)),
        new PayloadTooLargeException("Over 10 MiB."),
        new UnsupportedMediaTypeException("Not an accepted type."),
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Refusals_are_not_logged_because_they_are_answers(Exception refusal)
    {
        Refusal.From(refusal).ShouldNotBeNull();
        var logger = Substitute.For<ILogger<UnhandledExceptionBehaviour<string, Unit>>>();
        var behaviour = new UnhandledExceptionBehaviour<string, Unit>(logger);

        (await Should.ThrowAsync<Exception>(() => behaviour.Handle("request", CancellationToken.None, () => throw refusal))).ShouldBeSameAs(refusal);

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
