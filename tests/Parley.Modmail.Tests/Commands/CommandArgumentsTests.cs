using Parley.Modmail.Commands;

namespace Parley.Modmail.Tests.Commands;

public sealed class CommandArgumentsTests
{
    [Fact]
    public void Words_quotes_and_flags_are_taken_apart()
    {
        var args = CommandArguments.Parse("  1d12h   \"Billing and refunds\" -s --Silent -a");

        Assert.Equal(["1d12h", "Billing and refunds"], args.Words);
        Assert.Equal(["--silent", "-a", "-s"], args.Flags.Order(StringComparer.Ordinal));
        Assert.True(args.HasFlag("-s", "--silent"));
        Assert.False(args.HasFlag("-f", "--force"));
        Assert.Equal("1d12h", args.First);
        Assert.Equal("Billing and refunds", args.Rest);
    }

    [Fact]
    public void A_negative_number_a_lone_dash_and_a_quoted_flag_are_words()
    {
        var args = CommandArguments.Parse("-5 - \"-s\" --");

        Assert.Equal(["-5", "-", "-s", "--"], args.Words);
        Assert.Empty(args.Flags);
    }

    [Fact]
    public void An_unclosed_quote_takes_the_rest_and_empty_text_has_no_words()
    {
        Assert.Equal(["move", "to the end"], CommandArguments.Parse("move \"to the end  ").Words);
        Assert.Empty(CommandArguments.Parse(null).Words);
        Assert.Null(CommandArguments.Parse("   ").First);
        Assert.Equal("", CommandArguments.Parse("").All);
    }

    [Fact]
    public void Split_first_keeps_the_free_text_as_written()
    {
        Assert.Equal(("1h", "call \"them\" back -- today\nplease"), CommandArguments.SplitFirst("  1h  call \"them\" back -- today\nplease "));
        Assert.Equal(("30m", ""), CommandArguments.SplitFirst("30m"));
        Assert.Equal(("", ""), CommandArguments.SplitFirst(null));
    }
}
