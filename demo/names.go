package demo

import "math/rand/v2"

// Surnames weighted roughly as in northern Hebei.
var surnames = []struct {
	s string
	w int
}{
	{"王", 90}, {"李", 85}, {"张", 80}, {"刘", 70}, {"杨", 30}, {"赵", 35}, {"高", 30}, {"马", 25},
	{"孙", 25}, {"陈", 20}, {"郭", 20}, {"田", 15}, {"董", 15}, {"韩", 15}, {"冯", 12}, {"徐", 12},
	{"吴", 10}, {"周", 10}, {"朱", 10}, {"白", 10}, {"史", 8}, {"宋", 10}, {"贾", 8}, {"邢", 6},
	{"崔", 8}, {"曹", 8}, {"袁", 6}, {"梁", 6}, {"于", 8}, {"石", 6}, {"许", 6}, {"常", 5},
	{"魏", 6}, {"闫", 6}, {"侯", 5}, {"齐", 5}, {"耿", 4}, {"霍", 4}, {"庞", 4}, {"薛", 4},
}

var surnameTotal = func() int {
	t := 0
	for _, s := range surnames {
		t += s.w
	}
	return t
}()

const (
	maleChars   = "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆志国建文博振子轩泽宏毅然晨阳"
	femaleChars = "芳娜敏静丽艳娟霞秀英玲桂兰萍婷雪琳颖慧欣怡佳悦涵雨萱梦瑶晶红梅淑"
)

func surname(r *rand.Rand) string {
	n := r.IntN(surnameTotal)
	for _, s := range surnames {
		if n < s.w {
			return s.s
		}
		n -= s.w
	}
	return "王"
}

func givenName(r *rand.Rand, male bool) string {
	chars := []rune(femaleChars)
	if male {
		chars = []rune(maleChars)
	}
	s := string(chars[r.IntN(len(chars))])
	if r.IntN(10) < 7 {
		s += string(chars[r.IntN(len(chars))])
	}
	return s
}

func fullName(r *rand.Rand, male bool) string { return surname(r) + givenName(r, male) }
